package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.text.CharClass;
import dev.edge4j.tokenizers.text.IntList;
import dev.edge4j.tokenizers.text.TextPattern;

/** Runs of word characters and runs of other non-space characters ({@code \w+|[^\w\s]+}); spaces go. */
public record Whitespace() implements PreTokenizer {
    private static final TextPattern WORDS = Whitespace::findWords;

    @Override
    public void preTokenize(PreTokenizedString text) {
        TextPattern p = WORDS.inverted();
        text.split((piece, out) -> out.addAll(piece.split(p, SplitBehavior.REMOVED)));
    }

    private static void findWords(String s, IntList out) {
        int n = s.length();
        if (n == 0) {
            out.add(0, 0, 0);
            return;
        }
        int prev = 0;
        int i = 0;
        while (i < n) {
            int c = s.codePointAt(i);
            int kind = CharClass.isWordChar(c) ? 1 : CharClass.isWhitespace(c) ? 0 : 2;
            if (kind == 0) {
                i += Character.charCount(c);
                continue;
            }
            int start = i;
            i += Character.charCount(c);
            while (i < n) {
                int d = s.codePointAt(i);
                int k = CharClass.isWordChar(d) ? 1 : CharClass.isWhitespace(d) ? 0 : 2;
                if (k != kind) {
                    break;
                }
                i += Character.charCount(d);
            }
            if (prev != start) {
                out.add(prev, start, 0);
            }
            out.add(start, i, 1);
            prev = i;
        }
        if (prev != n) {
            out.add(prev, n, 0);
        }
    }
}
