package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;
import dev.edge4j.tokenizers.text.ByteLevelAlphabet;

/** Rewrites text as GPT-2's byte alphabet: each UTF-8 byte becomes one printable character. */
public record ByteLevelNormalizer() implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        if (!text.isEmpty()) {
            ByteLevelAlphabet.rewrite(text);
        }
    }
}
