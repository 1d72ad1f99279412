package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;

/** SentencePiece's "nmt" rules: drop ASCII control characters, turn odd spaces into plain spaces. */
public record Nmt() implements Normalizer {
    @Override
    public void normalize(NormalizedString text) {
        text.filter(c -> !((c >= 0x1 && c <= 0x8) || c == 0xB || (c >= 0xE && c <= 0x1F) || c == 0x7F
                || c == 0x8F || c == 0x9F));
        text.map(c -> switch (c) {
            case 0x9, 0xA, 0xC, 0xD, 0x1680, 0x2028, 0x2029, 0x2581, 0xFEFF, 0xFFFD -> ' ';
            default -> c >= 0x200B && c <= 0x200F ? ' ' : c;
        });
    }
}
