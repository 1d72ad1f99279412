package dev.edge4j.vision.image;

/**
 * How a model wants 8-bit pixel values: {@code (value - mean) / std}. For example (v - 127) / 128
 * maps [0, 255] to about [-1, 1]; {@code v / 256} is mean 0, std 256.
 */
public record Normalization(float mean, float std) {
    /** Raw 0..255 values. */
    public static final Normalization NONE = new Normalization(0f, 1f);

    public Normalization {
        if (!(std != 0f) || !Float.isFinite(std) || !Float.isFinite(mean)) {
            throw new IllegalArgumentException("normalization needs a finite mean and a non-zero std: " + mean + ", " + std);
        }
    }

    public float apply(int value) {
        return (value - mean) / std;
    }
}
