package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;

/** Puts a fixed string in front of non-empty text (SentencePiece's leading ▁). */
public record Prepend(String prepend) implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        if (!text.isEmpty()) {
            text.prepend(prepend);
        }
    }
}
