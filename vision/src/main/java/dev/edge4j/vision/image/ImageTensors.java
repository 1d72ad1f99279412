package dev.edge4j.vision.image;

import dev.edge4j.vision.runtime.FloatTensor;

/** Packs an image into the float tensor a model takes: layout, channel order and normalisation. */
public final class ImageTensors {
    /** ITU-R BT.601 luma weights, as OpenCV's colour-to-grey conversion uses. */
    private static final float LUMA_R = 0.299f;
    private static final float LUMA_G = 0.587f;
    private static final float LUMA_B = 0.114f;

    private ImageTensors() {}

    /** Shape [1, 3, h, w]: one plane per channel. */
    public static FloatTensor nchw(Image img, ChannelOrder order, Normalization norm) {
        int w = img.width();
        int h = img.height();
        int plane = w * h;
        float[] lut = lut(norm);
        float[] out = new float[3 * plane];
        byte[] px = img.bgr();
        // Source bytes are B, G, R: plane p takes byte offset src[p].
        int[] src = order == ChannelOrder.RGB ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
        for (int i = 0, j = 0; i < plane; i++, j += 3) {
            out[i] = lut[px[j + src[0]] & 0xFF];
            out[plane + i] = lut[px[j + src[1]] & 0xFF];
            out[2 * plane + i] = lut[px[j + src[2]] & 0xFF];
        }
        return FloatTensor.of(out, 1, 3, h, w);
    }

    /** Shape [1, h, w, 3]: channels interleaved per pixel. */
    public static FloatTensor nhwc(Image img, ChannelOrder order, Normalization norm) {
        int w = img.width();
        int h = img.height();
        float[] lut = lut(norm);
        byte[] px = img.bgr();
        float[] out = new float[px.length];
        boolean rgb = order == ChannelOrder.RGB;
        for (int j = 0; j < px.length; j += 3) {
            float b = lut[px[j] & 0xFF];
            float g = lut[px[j + 1] & 0xFF];
            float r = lut[px[j + 2] & 0xFF];
            out[j] = rgb ? r : b;
            out[j + 1] = g;
            out[j + 2] = rgb ? b : r;
        }
        return FloatTensor.of(out, 1, h, w, 3);
    }

    /** Shape [1, 1, h, w]: grey by BT.601 luma, rounded to 8 bits as an 8-bit grey image would be. */
    public static FloatTensor grey(Image img, Normalization norm) {
        int w = img.width();
        int h = img.height();
        float[] lut = lut(norm);
        byte[] px = img.bgr();
        float[] out = new float[w * h];
        for (int i = 0, j = 0; i < out.length; i++, j += 3) {
            float y = LUMA_B * (px[j] & 0xFF) + LUMA_G * (px[j + 1] & 0xFF) + LUMA_R * (px[j + 2] & 0xFF);
            out[i] = lut[Math.min(255, Math.round(y))];
        }
        return FloatTensor.of(out, 1, 1, h, w);
    }

    private static float[] lut(Normalization norm) {
        float[] lut = new float[256];
        for (int v = 0; v < 256; v++) {
            lut[v] = norm.apply(v);
        }
        return lut;
    }
}
