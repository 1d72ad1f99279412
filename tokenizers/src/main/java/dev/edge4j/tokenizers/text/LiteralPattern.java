package dev.edge4j.tokenizers.text;

import java.util.regex.Pattern;

/** Non-overlapping occurrences of a fixed string, leftmost first. */
public final class LiteralPattern implements TextPattern {
    private final String literal;
    private final RegexPattern emptyLiteral;

    public LiteralPattern(String literal) {
        this.literal = literal;
        this.emptyLiteral = literal.isEmpty() ? new RegexPattern(Pattern.compile("")) : null;
    }

    @Override
    public void findMatches(String text, IntList out) {
        if (emptyLiteral != null) {
            emptyLiteral.findMatches(text, out);
            return;
        }
        if (text.isEmpty()) {
            out.add(0, 0, 0);
            return;
        }
        int prev = 0;
        int n = text.length();
        int at = text.indexOf(literal);
        while (at >= 0) {
            if (prev != at) {
                out.add(prev, at, 0);
            }
            int end = at + literal.length();
            out.add(at, end, 1);
            prev = end;
            at = text.indexOf(literal, end);
        }
        if (prev != n) {
            out.add(prev, n, 0);
        }
    }
}
