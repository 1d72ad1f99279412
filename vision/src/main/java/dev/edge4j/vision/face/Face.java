package dev.edge4j.vision.face;

/**
 * Everything the pipeline learned about one face: where it is, its landmarks, its unit-length
 * embedding, and (when asked for) its liveness; {@code liveness} is null when it was not checked.
 */
public record Face(Detection detection, FaceLandmarks landmarks, float[] embedding, Liveness liveness) {
    public Box box() {
        return detection.box();
    }

    /** This face in a photo {@code factor} times larger (the embedding does not change). */
    public Face scaled(double factor) {
        return factor == 1 ? this : new Face(detection.scaled(factor), landmarks.scaled(factor), embedding, liveness);
    }
}
