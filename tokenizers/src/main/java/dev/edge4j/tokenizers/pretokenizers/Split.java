package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.TextPattern;

/** Splits on a literal or a regular expression; {@code invert} splits on what does not match instead. */
public record Split(TextPattern pattern, SplitBehavior behavior, boolean invert) implements PreTokenizer {
    @Override
    public void preTokenize(PreTokenizedString text) {
        TextPattern p = invert ? pattern.inverted() : pattern;
        text.split((piece, out) -> out.addAll(piece.split(p, behavior)));
    }
}
