package dev.edge4j.tokenizers.text;

import java.util.Arrays;

/**
 * A map from strings to non-negative ints (a vocabulary), looked up by a string or by a slice of
 * one without creating a substring. Open addressing; String's own hash, so whole-string lookups
 * reuse the cached hash code.
 */
public final class StringIntMap {
    private String[] keys;
    private int[] values;
    private int[] hashes;
    private int size;
    private int mask;

    public StringIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new String[cap];
        values = new int[cap];
        hashes = new int[cap];
        mask = cap - 1;
    }

    public int size() {
        return size;
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** Sets the value of a key; returns the previous value or -1. */
    public int put(String key, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int h = key.hashCode();
        int i = spread(h) & mask;
        while (keys[i] != null) {
            if (hashes[i] == h && keys[i].equals(key)) {
                int old = values[i];
                values[i] = value;
                return old;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        hashes[i] = h;
        size++;
        return -1;
    }

    /** The value of a key, or -1. */
    public int get(String key) {
        int h = key.hashCode();
        int i = spread(h) & mask;
        String k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && k.equals(key)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The value of the key {@code s[from, to)}, or -1. */
    public int get(CharSequence s, int from, int to) {
        int h = 0;
        for (int j = from; j < to; j++) {
            h = 31 * h + s.charAt(j);
        }
        int len = to - from;
        int i = spread(h) & mask;
        String k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && k.length() == len && regionEquals(k, s, from)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** The value of {@code prefix + s[from, to)}, or -1. */
    public int get(String prefix, CharSequence s, int from, int to) {
        if (prefix.isEmpty()) {
            return get(s, from, to);
        }
        int h = prefix.hashCode();
        for (int j = from; j < to; j++) {
            h = 31 * h + s.charAt(j);
        }
        int len = prefix.length() + to - from;
        int i = spread(h) & mask;
        String k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && k.length() == len && k.startsWith(prefix)
                    && regionEquals(k, prefix.length(), s, from, to - from)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    private static boolean regionEquals(String k, CharSequence s, int from) {
        return regionEquals(k, 0, s, from, k.length());
    }

    private static boolean regionEquals(String k, int kFrom, CharSequence s, int from, int len) {
        if (s instanceof String str) {
            return k.regionMatches(kFrom, str, from, len);
        }
        for (int j = 0; j < len; j++) {
            if (k.charAt(kFrom + j) != s.charAt(from + j)) {
                return false;
            }
        }
        return true;
    }

    /** The value of the key {@code a + b.substring(bFrom)}, or -1, without building that string. */
    public int getConcat(String a, String b, int bFrom) {
        int h = a.hashCode();
        for (int j = bFrom; j < b.length(); j++) {
            h = 31 * h + b.charAt(j);
        }
        int len = a.length() + b.length() - bFrom;
        int i = spread(h) & mask;
        String k;
        while ((k = keys[i]) != null) {
            if (hashes[i] == h && k.length() == len && k.startsWith(a)
                    && k.regionMatches(a.length(), b, bFrom, b.length() - bFrom)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
        return -1;
    }

    /** Calls {@code action} for every entry. */
    public void forEach(java.util.function.ObjIntConsumer<String> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                action.accept(keys[i], values[i]);
            }
        }
    }

    private void grow() {
        String[] oldKeys = keys;
        int[] oldValues = values;
        int[] oldHashes = hashes;
        int cap = keys.length * 2;
        keys = new String[cap];
        values = new int[cap];
        hashes = new int[cap];
        mask = cap - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            String k = oldKeys[j];
            if (k != null) {
                int i = spread(oldHashes[j]) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
                hashes[i] = oldHashes[j];
            }
        }
        Arrays.fill(oldKeys, null);
    }
}
