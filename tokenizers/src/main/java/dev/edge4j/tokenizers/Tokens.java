package dev.edge4j.tokenizers;

import java.util.Arrays;

/**
 * The tokens a model produced for one piece of text: ids, token strings and offsets into the
 * piece's normalized text (UTF-16 indices). Models append here; the pipeline reads it back.
 */
public final class Tokens {
    private int[] ids;
    private int[] starts;
    private int[] ends;
    private String[] values;
    private int size;

    public Tokens() {
        this(8);
    }

    public Tokens(int capacity) {
        capacity = Math.max(capacity, 1);
        ids = new int[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
        values = new String[capacity];
    }

    /** A single token covering [start, end). */
    public static Tokens single(int id, String value, int start, int end) {
        Tokens t = new Tokens(1);
        t.add(id, value, start, end);
        return t;
    }

    public void add(int id, String value, int start, int end) {
        if (size == ids.length) {
            int cap = size * 2;
            ids = Arrays.copyOf(ids, cap);
            starts = Arrays.copyOf(starts, cap);
            ends = Arrays.copyOf(ends, cap);
            values = Arrays.copyOf(values, cap);
        }
        ids[size] = id;
        values[size] = value;
        starts[size] = start;
        ends[size] = end;
        size++;
    }

    public int size() {
        return size;
    }

    public int id(int i) {
        return ids[i];
    }

    public String value(int i) {
        return values[i];
    }

    public int start(int i) {
        return starts[i];
    }

    public int end(int i) {
        return ends[i];
    }

    public void clear() {
        size = 0;
    }

    /** Drops the tokens from {@code newSize} on. */
    public void truncate(int newSize) {
        size = Math.min(size, newSize);
    }
}
