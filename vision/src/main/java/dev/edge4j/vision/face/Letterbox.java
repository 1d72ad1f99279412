package dev.edge4j.vision.face;

import dev.edge4j.vision.image.Image;
import dev.edge4j.vision.image.Resampler;

/**
 * Fits an image of any size into a model's fixed input without distorting it: scaled to fit,
 * centred, and padded with a neutral grey. Maps points from the model input back to the image:
 * {@code image = offset + input * scale}.
 */
public record Letterbox(double offsetX, double offsetY, double scale, int inputWidth, int inputHeight) {
    /** Neutral grey: (x - 127) / 128 is about 0 for detectors that normalise around 127. */
    public static final int PAD = 127;

    /** The letterbox placing an {@code imageWidth x imageHeight} image into the model input. */
    public static Letterbox fit(int imageWidth, int imageHeight, int inputWidth, int inputHeight) {
        double scale = Math.max((double) imageWidth / inputWidth, (double) imageHeight / inputHeight);
        double ox = (imageWidth - inputWidth * scale) / 2;
        double oy = (imageHeight - inputHeight * scale) / 2;
        return new Letterbox(ox, oy, scale, inputWidth, inputHeight);
    }

    /** The model input: the image scaled into place, the rest padded. */
    public Image apply(Image image) {
        return Resampler.resample(image, offsetX, offsetY, inputWidth * scale, inputHeight * scale, inputWidth,
                inputHeight, PAD, PAD, PAD);
    }

    public float toImageX(double inputX) {
        return (float) (offsetX + inputX * scale);
    }

    public float toImageY(double inputY) {
        return (float) (offsetY + inputY * scale);
    }
}
