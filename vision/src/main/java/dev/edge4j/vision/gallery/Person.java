package dev.edge4j.vision.gallery;

import java.time.Instant;

/** A person of the gallery: their name, how many embeddings they have, when they were first enrolled. */
public record Person(String name, int embeddings, Instant enrolled) {}
