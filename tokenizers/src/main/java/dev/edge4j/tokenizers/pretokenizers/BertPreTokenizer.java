package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.CharClass;
import dev.edge4j.tokenizers.text.CharPattern;

/** BERT's split: on whitespace (dropped), then every punctuation character on its own. */
public record BertPreTokenizer() implements PreTokenizer {
    private static final CharPattern SPACE = new CharPattern(CharClass::isWhitespace);
    private static final CharPattern PUNCTUATION = new CharPattern(CharClass::isBertPunctuation);

    @Override
    public void preTokenize(PreTokenizedString text) {
        text.split((piece, out) -> out.addAll(piece.split(SPACE, SplitBehavior.REMOVED)));
        text.split((piece, out) -> out.addAll(piece.split(PUNCTUATION, SplitBehavior.ISOLATED)));
    }
}
