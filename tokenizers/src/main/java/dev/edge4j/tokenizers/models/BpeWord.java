package dev.edge4j.tokenizers.models;

import dev.edge4j.tokenizers.text.LongLongMap;
import dev.edge4j.tokenizers.text.Utf8;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One piece being merged, as HF's {@code Word}: symbols (token ids with their UTF-8 lengths) in a
 * doubly linked list over arrays, merged through a priority queue of candidate pairs, lowest merge
 * rank first and leftmost on ties. A popped pair is applied only if it still forms the same merge.
 */
final class BpeWord {
    private static final long NO_MERGE = -1L;

    int[] c;
    int[] prev;
    int[] next;
    int[] len;
    int size;

    BpeWord(int capacity) {
        c = new int[capacity];
        prev = new int[capacity];
        next = new int[capacity];
        len = new int[capacity];
    }

    void add(int id, int byteLen) {
        if (size == c.length) {
            int cap = size * 2;
            c = java.util.Arrays.copyOf(c, cap);
            prev = java.util.Arrays.copyOf(prev, cap);
            next = java.util.Arrays.copyOf(next, cap);
            len = java.util.Arrays.copyOf(len, cap);
        }
        if (size > 0) {
            next[size - 1] = size;
        }
        c[size] = id;
        prev[size] = size - 1;
        next[size] = -1;
        len[size] = byteLen;
        size++;
    }

    void mergeAll(LongLongMap merges, float dropout) {
        MergeQueue queue = new MergeQueue(size);
        for (int i = 0; i + 1 < size; i++) {
            long m = merges.get(pair(c[i], c[i + 1]), NO_MERGE);
            if (m != NO_MERGE) {
                queue.push((int) (m >>> 32), i, (int) m);
            }
        }
        MergeQueue skipped = dropout > 0 ? new MergeQueue(4) : null;
        while (!queue.isEmpty()) {
            long key = queue.topKey();
            int newId = queue.topValue();
            queue.pop();
            int pos = (int) key;
            int rank = (int) (key >>> 32);
            if (dropout > 0 && ThreadLocalRandom.current().nextFloat() < dropout) {
                skipped.push(rank, pos, newId);
                continue;
            }
            if (skipped != null) {
                while (!skipped.isEmpty()) {
                    long k = skipped.topKey();
                    queue.push((int) (k >>> 32), (int) k, skipped.topValue());
                    skipped.pop();
                }
            }
            if (len[pos] == 0 || next[pos] == -1) {
                continue;
            }
            int right = next[pos];
            long current = merges.get(pair(c[pos], c[right]), NO_MERGE);
            if (current == NO_MERGE || (int) current != newId) {
                continue;
            }
            c[pos] = newId;
            len[pos] += len[right];
            next[pos] = next[right];
            len[right] = 0;
            int after = next[right];
            if (after > -1 && after < size) {
                prev[after] = pos;
            }
            if (prev[pos] >= 0) {
                int p = prev[pos];
                long m = merges.get(pair(c[p], c[pos]), NO_MERGE);
                if (m != NO_MERGE) {
                    queue.push((int) (m >>> 32), p, (int) m);
                }
            }
            int nx = next[pos];
            if (nx >= 0 && nx < size) {
                long m = merges.get(pair(c[pos], c[nx]), NO_MERGE);
                if (m != NO_MERGE) {
                    queue.push((int) (m >>> 32), pos, (int) m);
                }
            }
        }
    }

    /** The surviving symbols as (id, start, end), offsets converted from UTF-8 bytes to UTF-16 units. */
    int[] toTriples(String w) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (len[i] != 0) {
                count++;
            }
        }
        int[] out = new int[3 * count];
        Utf8.Positions pos = Utf8.positions(w);
        int bytes = 0;
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (len[i] == 0) {
                continue;
            }
            int end = bytes + len[i];
            out[k] = c[i];
            out[k + 1] = pos.startUnit(bytes);
            out[k + 2] = pos.endUnit(end);
            k += 3;
            bytes = end;
        }
        return out;
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    /** A binary min-heap of (rank, position) with the merged id alongside: lowest rank first, then leftmost. */
    static final class MergeQueue {
        private long[] keys;
        private int[] values;
        private int size;

        MergeQueue(int capacity) {
            keys = new long[Math.max(4, capacity)];
            values = new int[keys.length];
        }

        boolean isEmpty() {
            return size == 0;
        }

        long topKey() {
            return keys[0];
        }

        int topValue() {
            return values[0];
        }

        void push(int rank, int pos, int value) {
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            long key = ((long) rank << 32) | pos;
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (keys[parent] <= key) {
                    break;
                }
                keys[i] = keys[parent];
                values[i] = values[parent];
                i = parent;
            }
            keys[i] = key;
            values[i] = value;
        }

        void pop() {
            size--;
            if (size == 0) {
                return;
            }
            long key = keys[size];
            int value = values[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
        }
    }
}
