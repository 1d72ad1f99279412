package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;
import dev.edge4j.tokenizers.text.TextPattern;

/** Replaces every match of a literal or a regular expression. */
public record Replace(TextPattern pattern, String content) implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.replace(pattern, content);
    }
}
