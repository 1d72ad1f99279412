package dev.edge4j.vision.face;

/** How sure the liveness model is that a face is a live person (not a photo or a screen), and its verdict. */
public record Liveness(float score, boolean live) {}
