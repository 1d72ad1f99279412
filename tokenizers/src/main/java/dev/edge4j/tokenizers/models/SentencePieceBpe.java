package dev.edge4j.tokenizers.models;

import dev.edge4j.tokenizers.Tokens;
import dev.edge4j.tokenizers.text.Utf8;
import java.util.List;

/**
 * SentencePiece's BPE as llama.cpp runs it from a GGUF vocabulary, where there are no merge rules,
 * only pieces with scores: start from single characters and keep merging the adjacent pair whose
 * union is the highest-scoring piece (leftmost on ties). Characters that end up outside the
 * vocabulary become byte tokens ({@code <0xE4>}).
 */
public final class SentencePieceBpe implements Model {
    private final Vocabulary vocab;
    private final float[] scores;
    private final int[] byteIds = new int[256];
    private final int unkId;

    /**
     * @param pieces the vocabulary in id order
     * @param scores the score of each piece (higher merges first)
     * @param unkId  the unknown token, used only for a byte with no token of its own (or -1)
     */
    public SentencePieceBpe(List<String> pieces, float[] scores, int unkId) {
        this.vocab = Vocabulary.ofList(pieces);
        this.scores = scores.clone();
        this.unkId = unkId;
        for (int b = 0; b < 256; b++) {
            int id = vocab.id(Bpe.byteToken(b));
            if (id < 0 && b < 0x80) {
                id = vocab.id(String.valueOf((char) b));
            }
            byteIds[b] = id;
        }
    }

    @Override
    public void tokenize(String text, Tokens out) {
        int n = text.length();
        if (n == 0) {
            return;
        }
        // One symbol per character: [start, end) in the text, linked left and right.
        int[] start = new int[n];
        int[] end = new int[n];
        int[] prev = new int[n];
        int[] next = new int[n];
        int count = 0;
        for (int i = 0; i < n; ) {
            int len = Character.charCount(text.codePointAt(i));
            start[count] = i;
            end[count] = i + len;
            prev[count] = count - 1;
            next[count] = i + len >= n ? -1 : count + 1;
            count++;
            i += len;
        }
        Queue queue = new Queue(count);
        for (int i = 1; i < count; i++) {
            tryAdd(text, i - 1, i, start, end, queue);
        }
        while (!queue.isEmpty()) {
            int left = queue.left[0];
            int right = queue.right[0];
            int size = queue.size[0];
            queue.pop();
            if (end[left] == start[left] || end[right] == start[right]
                    || (end[left] - start[left]) + (end[right] - start[right]) != size) {
                continue; // one side was merged away since this pair was queued
            }
            end[left] = end[right];
            start[right] = end[right];
            next[left] = next[right];
            if (next[right] >= 0) {
                prev[next[right]] = left;
            }
            tryAdd(text, prev[left], left, start, end, queue);
            tryAdd(text, left, next[left], start, end, queue);
        }
        for (int i = 0; i != -1; i = next[i]) {
            int s = start[i];
            int e = end[i];
            int id = vocab.id(text, s, e);
            if (id >= 0) {
                out.add(id, vocab.token(id), s, e);
                continue;
            }
            // Not a piece: its UTF-8 bytes, each covering the whole character run.
            byte[] bytes = Utf8.encode(text.substring(s, e));
            for (byte b : bytes) {
                int bid = byteIds[b & 0xFF] >= 0 ? byteIds[b & 0xFF] : unkId;
                if (bid >= 0) {
                    out.add(bid, vocab.token(bid), s, e);
                }
            }
        }
    }

    private void tryAdd(String text, int left, int right, int[] start, int[] end, Queue queue) {
        if (left < 0 || right < 0) {
            return;
        }
        int id = vocab.id(text, start[left], end[right]);
        if (id < 0 || id >= scores.length) {
            return;
        }
        queue.push(scores[id], left, right, end[right] - start[left]);
    }

    @Override
    public int tokenToId(String token) {
        return vocab.id(token);
    }

    @Override
    public String idToToken(int id) {
        return vocab.token(id);
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    /** A max-heap of candidate pairs: highest score first, then leftmost. */
    private static final class Queue {
        float[] score;
        int[] left;
        int[] right;
        int[] size;
        int n;

        Queue(int capacity) {
            int c = Math.max(4, capacity);
            score = new float[c];
            left = new int[c];
            right = new int[c];
            size = new int[c];
        }

        boolean isEmpty() {
            return n == 0;
        }

        private boolean before(int a, float s, int l) {
            return score[a] > s || (score[a] == s && left[a] < l);
        }

        void push(float s, int l, int r, int sz) {
            if (n == score.length) {
                int c = n * 2;
                score = java.util.Arrays.copyOf(score, c);
                left = java.util.Arrays.copyOf(left, c);
                right = java.util.Arrays.copyOf(right, c);
                size = java.util.Arrays.copyOf(size, c);
            }
            int i = n++;
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (before(p, s, l) || (score[p] == s && left[p] == l)) {
                    break;
                }
                move(i, p);
                i = p;
            }
            score[i] = s;
            left[i] = l;
            right[i] = r;
            size[i] = sz;
        }

        void pop() {
            n--;
            if (n == 0) {
                return;
            }
            float s = score[n];
            int l = left[n];
            int r = right[n];
            int sz = size[n];
            int i = 0;
            while (true) {
                int c = 2 * i + 1;
                if (c >= n) {
                    break;
                }
                if (c + 1 < n && before(c + 1, score[c], left[c])) {
                    c++;
                }
                if (!before(c, s, l)) {
                    break;
                }
                move(i, c);
                i = c;
            }
            score[i] = s;
            left[i] = l;
            right[i] = r;
            size[i] = sz;
        }

        private void move(int to, int from) {
            score[to] = score[from];
            left[to] = left[from];
            right[to] = right[from];
            size[to] = size[from];
        }
    }
}
