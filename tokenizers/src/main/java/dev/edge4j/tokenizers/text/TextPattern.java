package dev.edge4j.tokenizers.text;

/**
 * Something a string is split or searched by: a character class, a literal, a regular expression.
 * {@link #findMatches} reports the whole text as consecutive pieces, each marked as a match or not,
 * exactly like HF's {@code Pattern::find_matches} (offsets are UTF-16 indices here).
 */
public interface TextPattern {
    /**
     * Appends triples (start, end, 1 if a match else 0) covering {@code text} from 0 to its end; an
     * empty text gives the single piece (0, 0, no match).
     */
    void findMatches(String text, IntList out);

    /** The same pieces with match and non-match swapped. */
    default TextPattern inverted() {
        TextPattern self = this;
        return (text, out) -> {
            int from = out.size();
            self.findMatches(text, out);
            for (int i = from + 2; i < out.size(); i += 3) {
                out.set(i, 1 - out.get(i));
            }
        };
    }
}
