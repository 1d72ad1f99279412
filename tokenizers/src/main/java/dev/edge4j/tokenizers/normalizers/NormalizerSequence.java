package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;
import java.util.List;

/** Several normalizers, one after the other. */
public record NormalizerSequence(List<Normalizer> normalizers) implements Normalizer {
    public NormalizerSequence {
        normalizers = List.copyOf(normalizers);
    }

    @Override
    public void normalize(NormalizedString text) {
        for (Normalizer n : normalizers) {
            n.normalize(text);
        }
    }
}
