package dev.edge4j.vision.face;

import java.util.Locale;

/**
 * How fit a face is for enrolment, from its landmarks: its size in pixels (eye distance) and how
 * far the head is turned. The turn is estimated from where the nose tip sits between the eyes:
 * with the nose about half the eye distance in front of the eyes, the offset of the nose from the
 * eyes' midpoint, in eye distances, is about tan(yaw) / 2 — 0 facing the camera, 0.5 at 45 degrees.
 *
 * @param eyeDistance pixels between the eye centres
 * @param yawDegrees estimated head turn, negative to the image's left
 */
public record FaceQuality(float eyeDistance, float yawDegrees) {
    /** Enrolment refuses heads turned further than this: a profile does not show the face. */
    public static final float MAX_ENROL_YAW = 45f;
    /** Enrolment refuses faces this small: too few pixels for a reliable embedding. */
    public static final float MIN_ENROL_EYE_DISTANCE = 16f;

    public static FaceQuality of(FaceLandmarks lm) {
        Point le = lm.leftEye();
        Point re = lm.rightEye();
        Point n = lm.nose();
        double ex = re.x() - le.x();
        double ey = re.y() - le.y();
        double d2 = ex * ex + ey * ey;
        if (!(d2 > 0)) {
            return new FaceQuality(0, 90);
        }
        double mx = (le.x() + re.x()) / 2;
        double my = (le.y() + re.y()) / 2;
        double offset = ((n.x() - mx) * ex + (n.y() - my) * ey) / d2; // along the eye line, in eye distances
        double yaw = Math.toDegrees(Math.atan(2 * offset));
        return new FaceQuality((float) Math.sqrt(d2), (float) yaw);
    }

    /** Why this face should not be enrolled, or null if it is fine. */
    public String enrolProblem() {
        if (eyeDistance < MIN_ENROL_EYE_DISTANCE) {
            return String.format(Locale.ROOT, "the face is too small (eyes %.0f pixels apart; at least %.0f needed)",
                    eyeDistance, MIN_ENROL_EYE_DISTANCE);
        }
        if (Math.abs(yawDegrees) > MAX_ENROL_YAW) {
            return String.format(Locale.ROOT, "the head is turned too far (about %.0f degrees; at most %.0f)",
                    Math.abs(yawDegrees), MAX_ENROL_YAW);
        }
        return null;
    }

    public boolean enrollable() {
        return enrolProblem() == null;
    }
}
