package dev.edge4j.llm.chat;

import dev.edge4j.tokenizers.Tokenizer;
import java.util.Arrays;

/**
 * Turns generated token ids into text as they come. A token may end in the middle of a UTF-8
 * character; text is released only once it decodes whole, so nothing half-printed ever shows.
 */
public final class TextStream {
    private final Tokenizer tokenizer;
    private int[] ids = new int[64];
    private int count;
    private int printed;

    public TextStream(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** Adds a token; returns the text that became complete (possibly empty). */
    public String push(int id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        String text = text();
        if (text.endsWith("\uFFFD") || text.length() <= printed) {
            return "";
        }
        String fresh = text.substring(printed);
        printed = text.length();
        return fresh;
    }

    /** All the text so far, special tokens left out. */
    public String text() {
        return tokenizer.decode(Arrays.copyOf(ids, count), true);
    }

    /** What {@link #push} held back (an unfinished character at the end). */
    public String rest() {
        String text = text();
        return text.length() > printed ? text.substring(printed) : "";
    }
}
