package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.CharPattern;

/** Splits on one delimiter character, which is dropped. */
public record CharDelimiterSplit(int delimiter) implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        CharPattern p = new CharPattern(c -> c == delimiter);
        text.split((piece, out) -> out.addAll(piece.split(p, SplitBehavior.REMOVED)));
    }
}
