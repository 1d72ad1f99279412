package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.CharClass;
import dev.edge4j.tokenizers.text.CharPattern;

/** Splits numbers off the text: each digit on its own, or runs of digits together. */
public record Digits(boolean individualDigits) implements PreTokenizer {
    private static final CharPattern DIGIT = new CharPattern(CharClass::isNumber);

    @Override
    public void preTokenize(PreTokenizedString text) {
        SplitBehavior b = individualDigits ? SplitBehavior.ISOLATED : SplitBehavior.CONTIGUOUS;
        text.split((piece, out) -> out.addAll(piece.split(DIGIT, b)));
    }
}
