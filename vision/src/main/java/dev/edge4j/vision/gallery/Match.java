package dev.edge4j.vision.gallery;

/** A person of the gallery and how similar a face is to them (best cosine over their embeddings). */
public record Match(String name, float score) {}
