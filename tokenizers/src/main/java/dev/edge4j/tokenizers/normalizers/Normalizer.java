package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;

/** Rewrites text before it is split, keeping track of where every character came from. */
@FunctionalInterface
public interface Normalizer {
    void normalize(NormalizedString text);
}
