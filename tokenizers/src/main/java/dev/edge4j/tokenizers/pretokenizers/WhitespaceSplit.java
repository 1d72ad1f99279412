package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.CharClass;
import dev.edge4j.tokenizers.text.CharPattern;

/** Splits on whitespace, which is dropped. */
public record WhitespaceSplit() implements PreTokenizer {
    private static final CharPattern SPACE = new CharPattern(CharClass::isWhitespace);

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((piece, out) -> out.addAll(piece.split(SPACE, SplitBehavior.REMOVED)));
    }
}
