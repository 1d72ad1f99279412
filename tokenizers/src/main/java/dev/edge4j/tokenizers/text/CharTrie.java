package dev.edge4j.tokenizers.text;

/** A trie over UTF-16 units that finds the longest key starting at a position (for added tokens). */
public final class CharTrie {
    private final LongLongMap edges = new LongLongMap(64);
    private int[] values = new int[16];
    private int nodes = 1;
    private final boolean[] firstUnit = new boolean[0x10000];
    private int size;

    public CharTrie() {
        values[0] = -1;
    }

    /** Adds a non-empty key; the first value given for a key is kept. */
    public void put(String key, int value) {
        int node = 0;
        for (int i = 0; i < key.length(); i++) {
            long edge = ((long) node << 16) | key.charAt(i);
            int next = (int) edges.get(edge, -1);
            if (next < 0) {
                if (nodes == values.length) {
                    values = java.util.Arrays.copyOf(values, nodes * 2);
                }
                values[nodes] = -1;
                next = nodes++;
                edges.put(edge, next);
            }
            node = next;
        }
        if (values[node] < 0) {
            size++;
            values[node] = value;
        }
        firstUnit[key.charAt(0)] = true;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** True if some key starts with this unit: a cheap filter before {@link #longestMatch}. */
    public boolean startsKey(char c) {
        return firstUnit[c];
    }

    /**
     * The length of the longest key equal to {@code text[at, at+len)}, or 0; its value goes to
     * {@code value[0]}.
     */
    public int longestMatch(String text, int at, int[] value) {
        int node = 0;
        int best = 0;
        int n = text.length();
        for (int i = at; i < n; i++) {
            int next = (int) edges.get(((long) node << 16) | text.charAt(i), -1);
            if (next < 0) {
                break;
            }
            node = next;
            if (values[node] >= 0) {
                best = i + 1 - at;
                value[0] = values[node];
            }
        }
        return best;
    }
}
