package dev.edge4j.vision.face;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.vision.image.Image;
import java.util.List;

/**
 * Takes the five alignment points from a detector that gives its own keypoints (BlazeFace: eyes,
 * nose tip, mouth centre, ears), so no landmark model has to run. BlazeFace has one mouth point;
 * the two corners are placed either side of it along the eye line, as far apart as in the ArcFace
 * template relative to the eyes. In the least-squares fit this weighs the mouth centre like two
 * points, which is what it is.
 */
public final class DetectorKeypoints implements FaceLandmarker {
    /** Mouth width over eye distance in the ArcFace template. */
    private static final double MOUTH_TO_EYES = (70.7299 - 41.5493) / (73.5318 - 38.2946);

    @Override
    public FaceLandmarks locate(Image image, Detection face) {
        List<Point> k = face.keypoints();
        if (k.size() < 4) {
            throw new InvalidInputException("the detector gave " + k.size()
                    + " keypoints; aligning needs eyes, nose and mouth (use a landmark model instead)");
        }
        Point le = k.get(0);
        Point re = k.get(1);
        Point nose = k.get(2);
        Point mouth = k.get(3);
        double dx = (re.x() - le.x()) * MOUTH_TO_EYES / 2;
        double dy = (re.y() - le.y()) * MOUTH_TO_EYES / 2;
        Point ml = new Point((float) (mouth.x() - dx), (float) (mouth.y() - dy));
        Point mr = new Point((float) (mouth.x() + dx), (float) (mouth.y() + dy));
        return new FaceLandmarks(List.of(le, re, nose, ml, mr), List.of());
    }
}
