package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.CharPattern;

/**
 * SentencePiece's word marker: spaces become {@code replacement} (▁), one is put in front as the
 * scheme says, and the text is split before each marker.
 */
public record Metaspace(int replacement, PrependScheme prependScheme, boolean split) implements PreTokenizer {
    /** When the marker is put in front of a piece. */
    public enum PrependScheme {
        ALWAYS, FIRST, NEVER
    }

    private static final CharPattern SPACE = new CharPattern(c -> c == ' ');

    @Override
    public void preTokenize(PreTokenizedString text) {
        String rep = Character.toString(replacement);
        CharPattern marker = new CharPattern(c -> c == replacement);
        text.split((piece, out) -> {
            piece.replace(SPACE, rep);
            boolean startsWithMarker = !piece.isEmpty() && piece.get().codePointAt(0) == replacement;
            if (prependScheme == PrependScheme.ALWAYS && !startsWithMarker) {
                piece.prepend(rep);
            } else if (prependScheme == PrependScheme.FIRST && !startsWithMarker && piece.originalStart() == 0) {
                piece.prepend(rep);
            }
            if (split) {
                out.addAll(piece.split(marker, SplitBehavior.MERGED_WITH_NEXT));
            } else {
                out.add(piece);
            }
        });
    }
}
