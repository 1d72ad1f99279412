package dev.edge4j.vision.eval;

/**
 * One augmented copy of a face searched against a gallery.
 *
 * @param faceId the face the copy was made from
 * @param genuine true when the face's identity is enrolled (a correct answer exists)
 * @param found false when the pipeline found no face where the copy has one
 * @param top1 the best gallery match (null if not found)
 * @param top1Score its similarity (NaN if not found)
 * @param augmentation how the copy was made
 */
public record Trial(String faceId, String identity, boolean genuine, boolean found, String top1, float top1Score,
        Augmentation augmentation) {
    /** Recognised as the right person at threshold {@code t}. */
    public boolean correctAt(float t) {
        return genuine && found && identity.equals(top1) && top1Score >= t;
    }

    /** Accepted as someone (anyone) at threshold {@code t}. */
    public boolean acceptedAt(float t) {
        return found && top1Score >= t;
    }
}
