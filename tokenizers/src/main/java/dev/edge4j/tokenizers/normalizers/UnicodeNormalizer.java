package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;
import dev.edge4j.tokenizers.text.UnicodeForm;

/** NFC, NFD, NFKC or NFKD. */
public record UnicodeNormalizer(UnicodeForm form) implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.normalize(form);
    }
}
