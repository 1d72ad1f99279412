package dev.edge4j.vision.face;

import dev.edge4j.vision.image.ChannelOrder;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageTensors;
import dev.edge4j.vision.image.Normalization;
import dev.edge4j.vision.image.Resampler;
import dev.edge4j.vision.runtime.FloatTensor;
import dev.edge4j.vision.runtime.ModelRunner;

/**
 * Anti-spoofing with {@code fr_liveness}: a 128x128 crop of the face with 2.7 times its size of
 * surroundings (a printed photo or a phone screen shows its edges there), raw 0..255 values in
 * BGR order; three logits whose softmax gives the probability of a live face first. The context
 * crop stays inside the photo (shifted, and shrunk only if the photo is too small) as the model
 * was trained.
 *
 * <p>BGR, although the model's original JavaScript feeds RGB: on the 22 faces of the sample
 * photos (all real people) BGR rates 18 as live and RGB 14, and the model family this one comes
 * from was trained on OpenCV's BGR images.
 */
public final class LivenessChecker {
    public static final int INPUT = 128;
    public static final float CONTEXT = 2.7f;
    /** The verdict threshold of the model's authors. */
    public static final float DEFAULT_THRESHOLD = 0.6f;

    private final ModelRunner model;
    private final float threshold;
    private final ChannelOrder channels;

    public LivenessChecker(ModelRunner model) {
        this(model, DEFAULT_THRESHOLD, ChannelOrder.BGR);
    }

    public LivenessChecker(ModelRunner model, float threshold, ChannelOrder channels) {
        this.model = model;
        this.threshold = threshold;
        this.channels = channels;
    }

    public Liveness check(Image image, Detection face) {
        Box b = face.box();
        float side = b.height(); // the detector's box made square, as for the landmarks
        float[] rect = contextCrop(image.width(), image.height(), b.centerX(), b.centerY(), side, side);
        Image crop = Resampler.resample(image, rect[0], rect[1], rect[2], rect[3], INPUT, INPUT, 0, 0, 0);
        FloatTensor input = ImageTensors.nchw(crop, channels, Normalization.NONE);
        float[] logits = ModelOutputs.single(model.run("input", input), "fr_liveness", 3).data();
        float live = softmax(logits)[0];
        return new Liveness(live, live >= threshold);
    }

    /** x, y, w, h of the context rectangle: CONTEXT times the box, moved (not cut) to stay in the image. */
    static float[] contextCrop(int imgW, int imgH, float cx, float cy, float boxW, float boxH) {
        float scale = Math.min(CONTEXT, Math.min((imgH - 1) / boxH, (imgW - 1) / boxW));
        float w = boxW * scale;
        float h = boxH * scale;
        float x = cx - w / 2;
        float y = cy - h / 2;
        x = Math.clamp(x, 0, Math.max(0, imgW - w));
        y = Math.clamp(y, 0, Math.max(0, imgH - h));
        return new float[] {x, y, w, h};
    }

    static float[] softmax(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            sum += e[i];
        }
        float[] p = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = (float) (e[i] / sum);
        }
        return p;
    }
}
