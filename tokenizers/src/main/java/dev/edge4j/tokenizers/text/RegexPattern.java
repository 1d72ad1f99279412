package dev.edge4j.tokenizers.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regular expression searched the way Oniguruma's {@code find_iter} does: leftmost matches, and
 * an empty match right where the previous match ended is skipped (Java's {@code find} would keep it).
 */
public final class RegexPattern implements TextPattern {
    private final Pattern pattern;

    public RegexPattern(Pattern pattern) {
        this.pattern = pattern;
    }

    public Pattern pattern() {
        return pattern;
    }

    @Override
    public void findMatches(String text, IntList out) {
        if (text.isEmpty()) {
            out.add(0, 0, 0);
            return;
        }
        Matcher m = pattern.matcher(text);
        int n = text.length();
        int prev = 0;
        int searchFrom = 0;
        int lastMatchEnd = -1;
        while (searchFrom <= n && m.find(searchFrom)) {
            int start = m.start();
            int end = m.end();
            if (start == end && end == lastMatchEnd) {
                if (end >= n) {
                    break;
                }
                searchFrom = end + Character.charCount(text.codePointAt(end));
                continue;
            }
            if (prev != start) {
                out.add(prev, start, 0);
            }
            out.add(start, end, 1);
            prev = end;
            lastMatchEnd = end;
            searchFrom = end;
        }
        if (prev != n) {
            out.add(prev, n, 0);
        }
    }
}
