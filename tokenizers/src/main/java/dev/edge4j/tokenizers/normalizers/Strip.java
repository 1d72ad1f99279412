package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;

/** Removes whitespace at the start and/or end. */
public record Strip(boolean left, boolean right) implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.strip(left, right);
    }
}
