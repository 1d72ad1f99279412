package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;
import dev.edge4j.tokenizers.text.CharClass;

/** Removes combining marks (usually after NFD, which splits accents off their letters). */
public record StripAccents() implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.filter(c -> !CharClass.isMark(c));
    }
}
