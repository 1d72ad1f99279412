package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.tokenizers.NormalizedString;
import dev.edge4j.tokenizers.text.CharClass;
import dev.edge4j.tokenizers.text.UnicodeForm;

/**
 * BERT's normalization: drop control characters and turn whitespace into spaces, put spaces around
 * CJK ideographs, strip accents (NFD, then drop non-spacing marks) and lowercase.
 *
 * @param stripAccents null means "as lowercase"
 */
public record BertNormalizer(boolean cleanText, boolean handleChineseChars, Boolean stripAccents, boolean lowercase)
        implements Normalizer {

    @Override
    public void normalize(NormalizedString text) {
        // Each step rewrites characters one by one, so consecutive steps run as one pass; only the
        // decomposition for accent stripping needs a pass of its own.
        if (cleanText || handleChineseChars) {
            text.rewrite((c, out) -> {
                if (cleanText) {
                    if (c == 0 || c == 0xFFFD || isControl(c)) {
                        return;
                    }
                    if (isWhitespace(c)) {
                        c = ' ';
                    }
                }
                if (handleChineseChars && isChineseChar(c)) {
                    out.emit(' ');
                    out.emit(c);
                    out.emit(' ');
                } else {
                    out.emit(c);
                }
            });
        }
        boolean strip = stripAccents != null ? stripAccents : lowercase;
        if (strip) {
            text.normalize(UnicodeForm.NFD);
        }
        if (strip || lowercase) {
            text.rewrite((c, out) -> {
                if (strip && CharClass.isMarkNonspacing(c)) {
                    return;
                }
                if (!lowercase) {
                    out.emit(c);
                } else if (c == 0x130) {
                    out.emit('i');
                    out.emit(0x307);
                } else {
                    out.emit(Character.toLowerCase(c));
                }
            });
        }
    }

    private static boolean isWhitespace(int c) {
        return c == '\t' || c == '\n' || c == '\r' || CharClass.isWhitespace(c);
    }

    private static boolean isControl(int c) {
        return c != '\t' && c != '\n' && c != '\r' && CharClass.isOther(c);
    }

    static boolean isChineseChar(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F) || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B920 && c <= 0x2CEAF) || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
