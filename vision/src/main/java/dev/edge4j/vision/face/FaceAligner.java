package dev.edge4j.vision.face;

import dev.edge4j.vision.image.AffineWarp;
import dev.edge4j.vision.image.Image;
import java.util.List;

/**
 * Warps a face onto the ArcFace 112x112 template: the similarity transform that best takes the
 * five landmarks onto the template's five points, then a bilinear warp (area-filtered first when
 * the face is much larger than 112 pixels).
 */
public final class FaceAligner {
    public static final int SIZE = 112;

    /** The ArcFace reference points for a 112x112 crop: eyes, nose tip, mouth corners. */
    public static final List<Point> TEMPLATE = List.of(
            new Point(38.2946f, 51.6963f),
            new Point(73.5318f, 51.5014f),
            new Point(56.0252f, 71.7366f),
            new Point(41.5493f, 92.3655f),
            new Point(70.7299f, 92.2041f));

    private FaceAligner() {}

    /** The 2x3 matrix taking image coordinates to aligned-crop coordinates. */
    public static double[] transform(FaceLandmarks landmarks) {
        return SimilarityTransform.estimate(landmarks.five(), TEMPLATE);
    }

    /** The aligned 112x112 face. */
    public static Image align(Image image, FaceLandmarks landmarks) {
        double[] toCrop = transform(landmarks);
        return AffineWarp.warp(image, SimilarityTransform.invert(toCrop), SIZE, SIZE);
    }
}
