package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;

/** Lowercases every character (full Unicode mapping, no locale). */
public record Lowercase() implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.lowercase();
    }
}
