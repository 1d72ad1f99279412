package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.CharClass;
import dev.edge4j.tokenizers.text.CharPattern;

/** Splits on punctuation characters. */
public record Punctuation(SplitBehavior behavior) implements PreTokenizer {
    private static final CharPattern PUNCTUATION = new CharPattern(CharClass::isBertPunctuation);

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((piece, out) -> out.addAll(piece.split(PUNCTUATION, behavior)));
    }
}
