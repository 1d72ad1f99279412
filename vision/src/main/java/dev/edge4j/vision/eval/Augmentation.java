package dev.edge4j.vision.eval;

import java.util.Locale;
import java.util.Random;

/**
 * One random change of a photo, as a camera might see the same face again: a different framing
 * (crop size and offset), a different distance (face size in pixels), a small head tilt, other
 * light (contrast and brightness), and lossy JPEG compression.
 *
 * @param window side of the square crop as a multiple of the face size
 * @param shiftX horizontal offset of the crop centre from the face centre, in face sizes
 * @param shiftY vertical offset of the crop centre from the face centre, in face sizes
 * @param faceScale output pixels per source pixel
 * @param rotation degrees, counter-clockwise
 * @param contrast multiplier of the distance from mid-grey
 * @param brightness added to every value
 * @param jpegQuality 1..100
 */
public record Augmentation(double window, double shiftX, double shiftY, double faceScale, double rotation,
        double contrast, double brightness, int jpegQuality) {

    /**
     * The ranges of the evaluation: framing 2-3.5 face sizes with +-0.25 offset, faces at
     * 0.4-1.2 times their size (about 70-300 pixels here), +-12 degrees, contrast 0.75-1.25,
     * brightness +-35, JPEG quality 40-90.
     */
    public static Augmentation random(Random rnd) {
        return new Augmentation(
                uniform(rnd, 2.0, 3.5),
                uniform(rnd, -0.25, 0.25),
                uniform(rnd, -0.25, 0.25),
                uniform(rnd, 0.4, 1.2),
                uniform(rnd, -12, 12),
                uniform(rnd, 0.75, 1.25),
                uniform(rnd, -35, 35),
                40 + rnd.nextInt(51));
    }

    private static double uniform(Random rnd, double lo, double hi) {
        return lo + (hi - lo) * rnd.nextDouble();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "window %.2f shift %+.2f,%+.2f scale %.2f rot %+.1f contrast %.2f bright %+.0f q%d",
                window, shiftX, shiftY, faceScale, rotation, contrast, brightness, jpegQuality);
    }
}
