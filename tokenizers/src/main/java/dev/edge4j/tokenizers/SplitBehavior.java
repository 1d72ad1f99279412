package dev.edge4j.tokenizers;

import dev.edge4j.tokenizers.text.IntList;

/** What happens to the delimiters when a string is split by a pattern (HF's {@code SplitDelimiterBehavior}). */
public enum SplitBehavior {
    /** Delimiters are dropped. */
    REMOVED,
    /** Each delimiter becomes a piece of its own. */
    ISOLATED,
    /** A delimiter joins the piece before it. */
    MERGED_WITH_PREVIOUS,
    /** A delimiter joins the piece after it. */
    MERGED_WITH_NEXT,
    /** Consecutive delimiters form one piece. */
    CONTIGUOUS;

    /** The name used in tokenizer.json. */
    public String jsonName() {
        return switch (this) {
            case REMOVED -> "Removed";
            case ISOLATED -> "Isolated";
            case MERGED_WITH_PREVIOUS -> "MergedWithPrevious";
            case MERGED_WITH_NEXT -> "MergedWithNext";
            case CONTIGUOUS -> "Contiguous";
        };
    }

    /** Parses a tokenizer.json name, or returns null. */
    public static SplitBehavior fromJson(String name) {
        for (SplitBehavior b : values()) {
            if (b.jsonName().equals(name)) {
                return b;
            }
        }
        return null;
    }

    /**
     * Turns (start, end, isMatch) pieces into (start, end, remove) pieces according to this behaviour.
     */
    IntList apply(IntList m) {
        int count = m.size();
        IntList out = new IntList(count);
        switch (this) {
            case ISOLATED -> {
                for (int i = 0; i < count; i += 3) {
                    out.add(m.get(i), m.get(i + 1), 0);
                }
            }
            case REMOVED -> {
                for (int i = 0; i < count; i += 3) {
                    out.add(m.get(i), m.get(i + 1), m.get(i + 2));
                }
            }
            case CONTIGUOUS -> {
                boolean previous = false;
                for (int i = 0; i < count; i += 3) {
                    boolean match = m.get(i + 2) == 1;
                    if (match == previous && out.size() > 0) {
                        out.set(out.size() - 2, m.get(i + 1));
                    } else {
                        out.add(m.get(i), m.get(i + 1), 0);
                    }
                    previous = match;
                }
            }
            case MERGED_WITH_PREVIOUS -> {
                boolean previous = false;
                for (int i = 0; i < count; i += 3) {
                    boolean match = m.get(i + 2) == 1;
                    if (match && !previous && out.size() > 0) {
                        out.set(out.size() - 2, m.get(i + 1));
                    } else {
                        out.add(m.get(i), m.get(i + 1), 0);
                    }
                    previous = match;
                }
            }
            case MERGED_WITH_NEXT -> {
                // Built back to front, then reversed.
                IntList rev = new IntList(count);
                boolean previous = false;
                for (int i = count - 3; i >= 0; i -= 3) {
                    boolean match = m.get(i + 2) == 1;
                    if (match && !previous && rev.size() > 0) {
                        rev.set(rev.size() - 3, m.get(i));
                    } else {
                        rev.add(m.get(i), m.get(i + 1), 0);
                    }
                    previous = match;
                }
                for (int i = rev.size() - 3; i >= 0; i -= 3) {
                    out.add(rev.get(i), rev.get(i + 1), 0);
                }
            }
        }
        return out;
    }
}
