package dev.edge4j.tokenizers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The result of encoding a text (or a pair of texts): token ids and everything a model or a caller
 * needs next to them, as HF's {@code Encoding} has it.
 *
 * <p>Offsets are UTF-16 indices into the input string, so {@code text.substring(start, end)} is the
 * text a token came from; special tokens and padding have (0, 0). HF's Python and Java bindings
 * count Unicode code points instead, which is the same number for text without characters outside
 * the Basic Multilingual Plane ({@link #codePointOffsets} converts). Word ids are -1 where HF has
 * {@code None}.
 *
 * <p>Arrays returned by the getters are the encoding's own, not copies.
 */
public final class Encoding {
    private int[] ids;
    private int[] typeIds;
    private String[] tokens;
    private int[] words;
    private int[] offsets;
    private int[] specialTokensMask;
    private int[] attentionMask;
    private List<Encoding> overflowing;
    /** Token range of sequence 0 and 1 (start, end), -1 when not recorded. */
    private int[] sequenceRanges = {-1, -1, -1, -1};
    /** The input the offsets index into, while this encoding covers one sequence; null after joining. */
    private String sourceText;

    Encoding(int[] ids, int[] typeIds, String[] tokens, int[] words, int[] offsets, int[] specialTokensMask,
             int[] attentionMask, List<Encoding> overflowing) {
        this.ids = ids;
        this.typeIds = typeIds;
        this.tokens = tokens;
        this.words = words;
        this.offsets = offsets;
        this.specialTokensMask = specialTokensMask;
        this.attentionMask = attentionMask;
        this.overflowing = overflowing;
    }

    /** An encoding with no tokens. */
    public static Encoding empty() {
        return new Encoding(new int[0], new int[0], new String[0], new int[0], new int[0], new int[0], new int[0],
                new ArrayList<>());
    }

    /** Special tokens (from a post-processor template): no word, offsets (0, 0), marked special. */
    public static Encoding special(int[] ids, String[] tokens, int typeId) {
        int n = ids.length;
        int[] type = new int[n];
        Arrays.fill(type, typeId);
        int[] words = new int[n];
        Arrays.fill(words, -1);
        int[] ones = new int[n];
        Arrays.fill(ones, 1);
        return new Encoding(ids.clone(), type, tokens.clone(), words, new int[2 * n], ones, ones.clone(),
                new ArrayList<>());
    }

    /**
     * {@code open + e + close} as BERT-style processors build it: the added tokens are special,
     * have no word and offsets (0, 0); {@code openId < 0} means no opening token. The tokens of
     * {@code e} are recorded as sequence {@code sequenceId}.
     */
    public static Encoding wrap(Encoding e, int openId, String openToken, int openType, int closeId,
                                String closeToken, int closeType, int sequenceId) {
        int head = openId >= 0 ? 1 : 0;
        int n = e.length();
        int total = head + n + 1;
        int[] ids = new int[total];
        int[] types = new int[total];
        String[] toks = new String[total];
        int[] words = new int[total];
        int[] offs = new int[2 * total];
        int[] special = new int[total];
        int[] attention = new int[total];
        Arrays.fill(attention, 1);
        if (head == 1) {
            ids[0] = openId;
            types[0] = openType;
            toks[0] = openToken;
            words[0] = -1;
            special[0] = 1;
        }
        System.arraycopy(e.ids, 0, ids, head, n);
        System.arraycopy(e.typeIds, 0, types, head, n);
        System.arraycopy(e.tokens, 0, toks, head, n);
        System.arraycopy(e.words, 0, words, head, n);
        System.arraycopy(e.offsets, 0, offs, 2 * head, 2 * n);
        ids[total - 1] = closeId;
        types[total - 1] = closeType;
        toks[total - 1] = closeToken;
        words[total - 1] = -1;
        special[total - 1] = 1;
        Encoding r = new Encoding(ids, types, toks, words, offs, special, attention, new ArrayList<>());
        r.sequenceRanges[2 * sequenceId] = head;
        r.sequenceRanges[2 * sequenceId + 1] = head + n;
        return r;
    }

    public int length() {
        return ids.length;
    }

    public int[] ids() {
        return ids;
    }

    public int[] typeIds() {
        return typeIds;
    }

    public String[] tokens() {
        return tokens;
    }

    /** The word (pre-tokenizer piece) each token belongs to, -1 for special tokens and padding. */
    public int[] wordIds() {
        return words;
    }

    /** Start and end of token i at [2i] and [2i+1], as UTF-16 indices of its input. */
    public int[] offsets() {
        return offsets;
    }

    public int start(int token) {
        return offsets[2 * token];
    }

    public int end(int token) {
        return offsets[2 * token + 1];
    }

    public int[] specialTokensMask() {
        return specialTokensMask;
    }

    public int[] attentionMask() {
        return attentionMask;
    }

    /** The parts cut off by truncation, each a full encoding of its own. */
    public List<Encoding> overflowing() {
        return overflowing;
    }

    /** Which input sequence (0 or 1) each token belongs to, -1 for tokens added by the post-processor. */
    public int[] sequenceIds() {
        int[] seq = new int[ids.length];
        if (sequenceRanges[0] < 0 && sequenceRanges[2] < 0) {
            return seq; // no ranges recorded: everything is sequence 0
        }
        Arrays.fill(seq, -1);
        for (int s = 0; s < 2; s++) {
            int from = sequenceRanges[2 * s];
            int to = sequenceRanges[2 * s + 1];
            if (from >= 0) {
                for (int i = from; i < to && i < seq.length; i++) {
                    seq[i] = s;
                }
            }
        }
        return seq;
    }

    /**
     * The text this encoding's offsets index into, while it covers a single sequence (post-processors
     * use it to move offsets by whole characters); null once sequences are joined.
     */
    public String sourceText() {
        return sourceText;
    }

    /** Offsets counted in code points of {@code text}, as HF's bindings report them. */
    public int[] codePointOffsets(String text) {
        int[] out = new int[offsets.length];
        for (int i = 0; i < offsets.length; i++) {
            int o = Math.min(offsets[i], text.length());
            out[i] = text.codePointCount(0, o);
        }
        return out;
    }

    // ---------------------------------------------------------------- used by post-processors

    /** Sets every token's type id. */
    public void setTypeIds(int typeId) {
        Arrays.fill(typeIds, typeId);
    }

    /** Records that all tokens belong to sequence {@code id} (0 or 1). */
    public void setSequenceId(int id) {
        sequenceRanges[2 * id] = 0;
        sequenceRanges[2 * id + 1] = ids.length;
    }

    /** Replaces the overflowing parts. */
    public void setOverflowing(List<Encoding> overflowing) {
        this.overflowing = overflowing;
    }

    /** A deep copy. */
    public Encoding copy() {
        List<Encoding> over = new ArrayList<>(overflowing.size());
        for (Encoding e : overflowing) {
            over.add(e.copy());
        }
        Encoding c = new Encoding(ids.clone(), typeIds.clone(), tokens.clone(), words.clone(), offsets.clone(),
                specialTokensMask.clone(), attentionMask.clone(), over);
        c.sequenceRanges = sequenceRanges.clone();
        c.sourceText = sourceText;
        return c;
    }

    /** HF's {@code Encoding::merge}: concatenates, combining overflowing parts. */
    public static Encoding merge(List<Encoding> encodings, boolean growingOffsets) {
        Encoding e = empty();
        for (Encoding sub : encodings) {
            e.mergeWith(sub, growingOffsets);
        }
        return e;
    }

    /** Appends {@code pair} to this encoding (HF's {@code merge_with}). */
    public void mergeWith(Encoding pair, boolean growingOffsets) {
        List<Encoding> over = new ArrayList<>();
        for (Encoding selfO : overflowing) {
            Encoding n = selfO.copy();
            n.mergeWith(pair.copy(), growingOffsets);
            over.add(n);
            for (Encoding otherO : pair.overflowing) {
                Encoding m = selfO.copy();
                m.mergeWith(otherO.copy(), growingOffsets);
                over.add(m);
            }
        }
        for (Encoding otherO : pair.overflowing) {
            Encoding n = copy();
            n.mergeWith(otherO.copy(), growingOffsets);
            over.add(n);
        }
        int len = ids.length;
        for (int s = 0; s < 2; s++) {
            if (pair.sequenceRanges[2 * s] >= 0) {
                sequenceRanges[2 * s] = len + pair.sequenceRanges[2 * s];
                sequenceRanges[2 * s + 1] = len + pair.sequenceRanges[2 * s + 1];
            }
        }
        int starting = growingOffsets && len > 0 ? offsets[2 * len - 1] : 0;
        ids = concat(ids, pair.ids);
        typeIds = concat(typeIds, pair.typeIds);
        tokens = concat(tokens, pair.tokens);
        words = concat(words, pair.words);
        int[] po = pair.offsets;
        if (starting != 0) {
            po = po.clone();
            for (int i = 0; i < po.length; i++) {
                po[i] += starting;
            }
        }
        offsets = concat(offsets, po);
        specialTokensMask = concat(specialTokensMask, pair.specialTokensMask);
        attentionMask = concat(attentionMask, pair.attentionMask);
        overflowing = over;
        sourceText = null;
    }

    /**
     * Keeps {@code maxLength} tokens and moves the rest into overflowing windows that overlap by
     * {@code stride} tokens (HF's {@code truncate}).
     */
    public void truncate(int maxLength, int stride, Truncation.Direction direction) {
        int len = ids.length;
        if (maxLength >= len) {
            return;
        }
        if (maxLength == 0) {
            Encoding whole = new Encoding(ids, typeIds, tokens, words, offsets, specialTokensMask, attentionMask,
                    overflowing);
            whole.sequenceRanges = sequenceRanges;
            whole.sourceText = sourceText;
            ids = new int[0];
            typeIds = new int[0];
            tokens = new String[0];
            words = new int[0];
            offsets = new int[0];
            specialTokensMask = new int[0];
            attentionMask = new int[0];
            overflowing = new ArrayList<>();
            overflowing.add(whole);
            sequenceRanges = new int[] {-1, -1, -1, -1};
            return;
        }
        if (stride >= maxLength) {
            throw new dev.edge4j.core.InvalidInputException("truncation stride (" + stride
                    + ") must be smaller than the length kept (" + maxLength + ")");
        }
        int step = maxLength - stride;
        List<int[]> parts = new ArrayList<>();
        if (direction == Truncation.Direction.RIGHT) {
            for (int start = 0; start < len; start += step) {
                int stop = Math.min(start + maxLength, len);
                parts.add(new int[] {start, stop});
                if (stop == len) {
                    break;
                }
            }
        } else {
            for (int stopIdx = len - 1; stopIdx >= 0; stopIdx -= step) {
                int stop = stopIdx + 1;
                int start = Math.max(0, stop - maxLength);
                if (start < stop) {
                    parts.add(new int[] {start, stop});
                    if (start == 0) {
                        break;
                    }
                }
            }
        }
        Encoding first = range(parts.get(0)[0], parts.get(0)[1]);
        for (int i = 1; i < parts.size(); i++) {
            first.overflowing.add(range(parts.get(i)[0], parts.get(i)[1]));
        }
        ids = first.ids;
        typeIds = first.typeIds;
        tokens = first.tokens;
        words = first.words;
        offsets = first.offsets;
        specialTokensMask = first.specialTokensMask;
        attentionMask = first.attentionMask;
        overflowing = first.overflowing;
        sequenceRanges = new int[] {-1, -1, -1, -1};
    }

    private Encoding range(int start, int stop) {
        Encoding e = new Encoding(Arrays.copyOfRange(ids, start, stop), Arrays.copyOfRange(typeIds, start, stop),
                Arrays.copyOfRange(tokens, start, stop), Arrays.copyOfRange(words, start, stop),
                Arrays.copyOfRange(offsets, 2 * start, 2 * stop),
                Arrays.copyOfRange(specialTokensMask, start, stop), Arrays.copyOfRange(attentionMask, start, stop),
                new ArrayList<>());
        e.sourceText = sourceText;
        return e;
    }

    /** Pads to {@code targetLength} tokens (and the overflowing parts too), as HF's {@code pad}. */
    public void pad(int targetLength, int padId, int padTypeId, String padToken, Padding.Direction direction) {
        for (Encoding o : overflowing) {
            o.pad(targetLength, padId, padTypeId, padToken, direction);
        }
        int len = ids.length;
        if (len >= targetLength) {
            return;
        }
        int pad = targetLength - len;
        boolean left = direction == Padding.Direction.LEFT;
        ids = padded(ids, pad, padId, left);
        typeIds = padded(typeIds, pad, padTypeId, left);
        String[] t = new String[targetLength];
        Arrays.fill(t, padToken);
        System.arraycopy(tokens, 0, t, left ? pad : 0, len);
        tokens = t;
        words = padded(words, pad, -1, left);
        attentionMask = padded(attentionMask, pad, 0, left);
        specialTokensMask = padded(specialTokensMask, pad, 1, left);
        int[] o = new int[2 * targetLength];
        System.arraycopy(offsets, 0, o, left ? 2 * pad : 0, 2 * len);
        offsets = o;
        if (left) {
            for (int s = 0; s < 4; s++) {
                if (sequenceRanges[s] >= 0) {
                    sequenceRanges[s] += pad;
                }
            }
        }
    }

    private static int[] padded(int[] a, int pad, int value, boolean left) {
        int[] r = new int[a.length + pad];
        Arrays.fill(r, value);
        System.arraycopy(a, 0, r, left ? pad : 0, a.length);
        return r;
    }

    private static int[] concat(int[] a, int[] b) {
        if (a.length == 0) {
            return b.clone();
        }
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static String[] concat(String[] a, String[] b) {
        if (a.length == 0) {
            return b.clone();
        }
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** Builds an encoding token by token (the pipeline's output before post-processing). */
    static final class Builder {
        private int[] ids;
        private int[] typeIds;
        private String[] tokens;
        private int[] words;
        private int[] offsets;
        private int n;

        Builder(int capacity) {
            capacity = Math.max(capacity, 4);
            ids = new int[capacity];
            typeIds = new int[capacity];
            tokens = new String[capacity];
            words = new int[capacity];
            offsets = new int[2 * capacity];
        }

        void add(int id, String token, int start, int end, int word, int typeId) {
            if (n == ids.length) {
                int cap = n * 2;
                ids = Arrays.copyOf(ids, cap);
                typeIds = Arrays.copyOf(typeIds, cap);
                tokens = Arrays.copyOf(tokens, cap);
                words = Arrays.copyOf(words, cap);
                offsets = Arrays.copyOf(offsets, 2 * cap);
            }
            ids[n] = id;
            typeIds[n] = typeId;
            tokens[n] = token;
            words[n] = word;
            offsets[2 * n] = start;
            offsets[2 * n + 1] = end;
            n++;
        }

        Encoding build(String text) {
            int[] ones = new int[n];
            Arrays.fill(ones, 1);
            Encoding e = new Encoding(Arrays.copyOf(ids, n), Arrays.copyOf(typeIds, n), Arrays.copyOf(tokens, n),
                    Arrays.copyOf(words, n), Arrays.copyOf(offsets, 2 * n), new int[n], ones, new ArrayList<>());
            e.sourceText = text;
            return e;
        }
    }
}
