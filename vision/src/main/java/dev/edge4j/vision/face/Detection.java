package dev.edge4j.vision.face;

import java.util.List;

/**
 * One face a detector found: its box, its confidence in [0, 1], and the keypoints the detector
 * gives itself (BlazeFace: 6, eyes first; UltraFace-style detectors: none).
 */
public record Detection(Box box, float score, List<Point> keypoints) {
    public Detection {
        keypoints = List.copyOf(keypoints);
    }

    public Detection(Box box, float score) {
        this(box, score, List.of());
    }

    public Detection scaled(double factor) {
        return new Detection(box.scaled(factor), score, keypoints.stream().map(p -> p.scaled(factor)).toList());
    }
}
