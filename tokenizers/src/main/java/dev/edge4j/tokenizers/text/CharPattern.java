package dev.edge4j.tokenizers.text;

import java.util.function.IntPredicate;

/** Every character that satisfies a predicate is a match of its own (HF's {@code Fn(char) -> bool} pattern). */
public record CharPattern(IntPredicate matches) implements TextPattern {
    @Override
    public void findMatches(String text, IntList out) {
        if (text.isEmpty()) {
            out.add(0, 0, 0);
            return;
        }
        int last = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            int c = text.codePointAt(i);
            int next = i + Character.charCount(c);
            if (matches.test(c)) {
                if (last < i) {
                    out.add(last, i, 0);
                }
                out.add(i, next, 1);
                last = next;
            }
            i = next;
        }
        if (n > last) {
            out.add(last, n, 0);
        }
    }
}
