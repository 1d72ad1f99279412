package dev.edge4j.vision.eval;

import dev.edge4j.vision.face.Detection;
import dev.edge4j.vision.image.Image;

/**
 * One face of the evaluation set: where it is ({@code photo} and {@code detection}), a name for
 * reports ({@code id}), and who it is ({@code identity}; faces of one person share it).
 */
public record EvaluationFace(String id, String identity, Image photo, Detection detection) {}
