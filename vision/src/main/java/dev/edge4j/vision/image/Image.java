package dev.edge4j.vision.image;

import dev.edge4j.core.InvalidInputException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;

/**
 * An 8-bit colour image held as three bytes per pixel in blue, green, red order, row after row.
 * That is the layout of Java's {@code TYPE_3BYTE_BGR} (and OpenCV's), so decoding and drawing
 * share the pixels with a {@link BufferedImage} without copying. Models that want RGB get it when
 * the pixels are packed into a tensor ({@link ImageTensors}), never by reordering the image.
 */
public final class Image {
    private final int width;
    private final int height;
    private final byte[] bgr;

    public Image(int width, int height, byte[] bgr) {
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height * 3 != bgr.length) {
            throw new InvalidInputException("a " + width + "x" + height + " image needs " + (long) width * height * 3
                    + " bytes, got " + bgr.length);
        }
        this.width = width;
        this.height = height;
        this.bgr = bgr;
    }

    /** A new image filled with one colour. */
    public static Image filled(int width, int height, int r, int g, int b) {
        if ((long) width * height * 3 > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("an image of " + width + "x" + height + " pixels is too large to hold");
        }
        byte[] px = new byte[width * height * 3];
        for (int i = 0; i < px.length; i += 3) {
            px[i] = (byte) b;
            px[i + 1] = (byte) g;
            px[i + 2] = (byte) r;
        }
        return new Image(width, height, px);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The pixels, B G R per pixel, row after row; shared, not copied. */
    public byte[] bgr() {
        return bgr;
    }

    public int red(int x, int y) {
        return bgr[(y * width + x) * 3 + 2] & 0xFF;
    }

    public int green(int x, int y) {
        return bgr[(y * width + x) * 3 + 1] & 0xFF;
    }

    public int blue(int x, int y) {
        return bgr[(y * width + x) * 3] & 0xFF;
    }

    public void set(int x, int y, int r, int g, int b) {
        int i = (y * width + x) * 3;
        bgr[i] = (byte) b;
        bgr[i + 1] = (byte) g;
        bgr[i + 2] = (byte) r;
    }

    public Image copy() {
        return new Image(width, height, bgr.clone());
    }

    /** A view of these pixels as a {@code TYPE_3BYTE_BGR} image: drawing on it changes this image. */
    public BufferedImage toBufferedImage() {
        ComponentColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {8, 8, 8}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_BYTE);
        WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bgr, bgr.length), width, height,
                width * 3, 3, new int[] {2, 1, 0}, null);
        return new BufferedImage(cm, raster, false, null);
    }

    /**
     * Takes the pixels of {@code bi}: shared when it is a plain {@code TYPE_3BYTE_BGR} image,
     * converted otherwise (grey, palette, 16-bit, alpha composited over white).
     */
    public static Image of(BufferedImage bi) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        if (bi.getType() == BufferedImage.TYPE_3BYTE_BGR && bi.getRaster().getDataBuffer() instanceof DataBufferByte db
                && bi.getSampleModel() instanceof ComponentSampleModel sm && sm.getPixelStride() == 3
                && sm.getScanlineStride() == w * 3 && db.getOffset() == 0 && db.getData().length == w * h * 3
                && bi.getRaster().getSampleModelTranslateX() == 0 && bi.getRaster().getSampleModelTranslateY() == 0) {
            return new Image(w, h, db.getData());
        }
        if ((long) w * h * 3 > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("an image of " + w + "x" + h + " pixels is too large to hold");
        }
        if (bi.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return ofGrey(bi);
        }
        byte[] px = new byte[w * h * 3];
        int[] row = new int[w];
        boolean alpha = bi.getColorModel().hasAlpha();
        for (int y = 0; y < h; y++) {
            bi.getRGB(0, y, w, 1, row, 0, w);
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                int argb = row[x];
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int b = argb & 0xFF;
                if (alpha) {
                    int a = argb >>> 24;
                    r = (r * a + 255 * (255 - a) + 127) / 255;
                    g = (g * a + 255 * (255 - a) + 127) / 255;
                    b = (b * a + 255 * (255 - a) + 127) / 255;
                }
                px[o++] = (byte) b;
                px[o++] = (byte) g;
                px[o++] = (byte) r;
            }
        }
        return new Image(w, h, px);
    }

    /**
     * Grey images straight from their samples: Java treats grey as linear light and would
     * brighten the (already gamma-encoded) values if asked for RGB, turning 200 into 229.
     */
    private static Image ofGrey(BufferedImage bi) {
        int w = bi.getWidth();
        int h = bi.getHeight();
        Raster r = bi.getRaster();
        int bits = bi.getColorModel().getComponentSize(0);
        boolean alpha = bi.getColorModel().hasAlpha() && r.getNumBands() > 1;
        int max = (1 << bits) - 1;
        byte[] px = new byte[w * h * 3];
        int[] grey = new int[w];
        int[] a = alpha ? new int[w] : null;
        for (int y = 0; y < h; y++) {
            r.getSamples(0, y, w, 1, 0, grey);
            if (alpha) {
                r.getSamples(0, y, w, 1, 1, a);
            }
            int o = y * w * 3;
            for (int x = 0; x < w; x++) {
                int v = (grey[x] * 255 + max / 2) / max;
                if (alpha) {
                    int al = (a[x] * 255 + max / 2) / max;
                    v = (v * al + 255 * (255 - al) + 127) / 255;
                }
                px[o++] = (byte) v;
                px[o++] = (byte) v;
                px[o++] = (byte) v;
            }
        }
        return new Image(w, h, px);
    }
}
