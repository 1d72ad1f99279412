package dev.edge4j.tokenizers.text;

import java.util.Arrays;

/** A growable list of ints without boxing. */
public final class IntList {
    private int[] data;
    private int size;

    public IntList() {
        this(16);
    }

    public IntList(int capacity) {
        data = new int[Math.max(1, capacity)];
    }

    public void add(int v) {
        if (size == data.length) {
            data = Arrays.copyOf(data, size * 2);
        }
        data[size++] = v;
    }

    public void add(int a, int b, int c) {
        if (size + 3 > data.length) {
            data = Arrays.copyOf(data, Math.max(size * 2, size + 3));
        }
        data[size] = a;
        data[size + 1] = b;
        data[size + 2] = c;
        size += 3;
    }

    public int get(int i) {
        return data[i];
    }

    public void set(int i, int v) {
        data[i] = v;
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public int[] toArray() {
        return Arrays.copyOf(data, size);
    }
}
