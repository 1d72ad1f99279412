package dev.edge4j.vision;

import dev.edge4j.vision.face.Face;
import dev.edge4j.vision.gallery.Match;
import java.util.List;

/**
 * One face of an image and who it is: the best gallery matches (best first, empty when the
 * gallery is empty) and whether the best one clears the threshold.
 */
public record Recognition(Face face, List<Match> candidates, boolean known) {
    public Recognition {
        candidates = List.copyOf(candidates);
    }

    /** The recognised person's name, or null for an unknown face. */
    public String name() {
        return known ? candidates.getFirst().name() : null;
    }

    /** Similarity to the best match, or NaN when the gallery is empty. */
    public float score() {
        return candidates.isEmpty() ? Float.NaN : candidates.getFirst().score();
    }
}
