package dev.edge4j.vision.face;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.vision.image.ChannelOrder;
import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.ImageTensors;
import dev.edge4j.vision.image.Normalization;
import dev.edge4j.vision.image.Orientation;
import dev.edge4j.vision.runtime.FloatTensor;
import dev.edge4j.vision.runtime.ModelRunner;

/**
 * Turns an aligned 112x112 face into a 512-number embedding of unit length with {@code fr_feature}
 * (RGB, (v - 127) / 128). Two faces of one person have embeddings with a high dot product
 * (cosine similarity); different people score low.
 */
public final class FaceEmbedder {
    public static final int DIMENSION = 512;
    private static final Normalization NORM = new Normalization(127f, 128f);

    private final ModelRunner model;
    private final ChannelOrder channels;
    private final boolean mirror;

    public FaceEmbedder(ModelRunner model) {
        this(model, ChannelOrder.RGB, false);
    }

    /**
     * @param mirror also embed the mirror image of the face and average the two: steadier
     *     embeddings for turned heads, at twice the cost
     */
    public FaceEmbedder(ModelRunner model, ChannelOrder channels, boolean mirror) {
        this.model = model;
        this.channels = channels;
        this.mirror = mirror;
    }

    /** The unit-length embedding of an aligned face. */
    public float[] embed(Image aligned) {
        if (aligned.width() != FaceAligner.SIZE || aligned.height() != FaceAligner.SIZE) {
            throw new InvalidInputException("the embedding model takes a 112x112 aligned face, got "
                    + aligned.width() + "x" + aligned.height());
        }
        float[] e = raw(aligned);
        if (mirror) {
            float[] m = raw(Orientation.FLIP_HORIZONTAL.apply(aligned));
            for (int i = 0; i < e.length; i++) {
                e[i] += m[i];
            }
        }
        return normalize(e);
    }

    private float[] raw(Image aligned) {
        FloatTensor input = ImageTensors.nchw(aligned, channels, NORM);
        return ModelOutputs.single(model.run("input", input), "fr_feature", DIMENSION).data().clone();
    }

    /** Scales {@code v} to unit length in place (a zero vector stays zero). */
    public static float[] normalize(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum > 0) {
            float inv = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    /** Cosine similarity of two unit-length embeddings. */
    public static float similarity(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new InvalidInputException("embeddings of different sizes: " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return (float) s;
    }
}
