package dev.edge4j.tokenizers.models;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.tokenizers.Tokens;
import dev.edge4j.tokenizers.text.LongLongMap;
import dev.edge4j.tokenizers.text.Utf8;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Byte-pair encoding, merge for merge as HF's {@code BPE}: start from single characters (or byte
 * tokens with byte fallback), then repeatedly merge the adjacent pair with the lowest merge rank,
 * leftmost first. Results for pieces shorter than 256 bytes are cached.
 */
public final class Bpe implements Model {
    private static final int MAX_CACHED_BYTES = 256;
    private static final int CACHE_CAPACITY = 100_000;

    private final Vocabulary vocab;
    private final LongLongMap merges;
    private final String unkToken;
    private final String prefix;
    private final String suffix;
    private final boolean fuseUnk;
    private final boolean byteFallback;
    private final boolean ignoreMerges;
    private final float dropout;
    private final int[] byteIds = new int[256];
    /** Ids of single characters (BMP), filled on first use; -2 = not looked up yet. */
    private final int[] charIds;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();
    /**
     * Long pieces (a whole document, for SentencePiece-style models without a pre-tokenizer) are
     * merged in segments: a piece can be cut before a space marker when no vocabulary entry holds
     * the two characters around the cut, since no merge can then join them. For each marker, the
     * characters that do precede it inside some entry (null: the marker is not used for cuts).
     */
    private final java.util.BitSet[] cutBlockers = new java.util.BitSet[CUT_MARKERS.length];
    private static final char[] CUT_MARKERS = {'\u2581', ' ', '\n'};
    private static final int SEGMENT_ABOVE = 64;
    private boolean canCut;

    public record Options(String unkToken, String continuingSubwordPrefix, String endOfWordSuffix, boolean fuseUnk,
                          boolean byteFallback, boolean ignoreMerges, Float dropout) {
        public static Options defaults() {
            return new Options(null, null, null, false, false, false, null);
        }
    }

    /**
     * @param vocab  token to id
     * @param merges merge rules in rank order, each a pair of tokens
     * @param where  names the model in error messages (a JSON path)
     */
    public Bpe(Map<String, Integer> vocab, List<String[]> merges, Options options, String where) {
        this(Vocabulary.of(vocab, where + ".vocab"), merges, options, where);
    }

    public Bpe(Vocabulary vocab, List<String[]> merges, Options options, String where) {
        this.vocab = vocab;
        this.unkToken = options.unkToken();
        this.prefix = options.continuingSubwordPrefix();
        this.suffix = options.endOfWordSuffix();
        this.fuseUnk = options.fuseUnk();
        this.byteFallback = options.byteFallback();
        this.ignoreMerges = options.ignoreMerges();
        this.dropout = options.dropout() == null ? 0f : options.dropout();
        if (dropout < 0 || dropout > 1) {
            throw new ModelFormatException(where + ".dropout: must be between 0 and 1, got " + dropout);
        }
        int prefixLen = prefix == null ? 0 : prefix.length();
        this.merges = new LongLongMap(merges.size());
        for (int rank = 0; rank < merges.size(); rank++) {
            String a = merges.get(rank)[0];
            String b = merges.get(rank)[1];
            int aId = vocab.id(a);
            int bId = vocab.id(b);
            if (aId < 0 || bId < 0) {
                throw new ModelFormatException(where + ".merges[" + rank + "]: token "
                        + Vocabulary.quote(aId < 0 ? a : b) + " is not in the vocabulary");
            }
            int newId = vocab.idOfConcat(a, b, Math.min(prefixLen, b.length()));
            if (newId < 0) {
                String merged = a + b.substring(Math.min(prefixLen, b.length()));
                throw new ModelFormatException(where + ".merges[" + rank + "]: the merged token "
                        + Vocabulary.quote(merged) + " is not in the vocabulary");
            }
            long key = ((long) aId << 32) | (bId & 0xFFFFFFFFL);
            this.merges.put(key, ((long) rank << 32) | (newId & 0xFFFFFFFFL));
        }
        for (int b = 0; b < 256; b++) {
            byteIds[b] = vocab.id(byteToken(b));
        }
        boolean allBytes = true;
        for (int id : byteIds) {
            allBytes &= id >= 0;
        }
        // Cutting is exact only if no character can vanish: a vanished character shifts the
        // offsets of everything after it in the whole piece, which separate segments would not.
        boolean nothingDropped = (unkToken != null && vocab.id(unkToken) >= 0) || (byteFallback && allBytes);
        if (nothingDropped && dropout == 0f) {
            findCutBlockers();
        }
        boolean plainChars = (prefix == null || prefix.isEmpty()) && (suffix == null || suffix.isEmpty());
        charIds = plainChars ? new int[0x10000] : null;
        if (charIds != null) {
            java.util.Arrays.fill(charIds, -2);
        }
    }

    private void findCutBlockers() {
        for (int k = 0; k < CUT_MARKERS.length; k++) {
            cutBlockers[k] = new java.util.BitSet();
        }
        // (A surrogate recorded here blocks every character sharing it: more cautious, still exact.)
        vocab.forEach((token, id) -> {
            for (int i = 1; i < token.length(); i++) {
                char c = token.charAt(i);
                for (int k = 0; k < CUT_MARKERS.length; k++) {
                    if (c == CUT_MARKERS[k] && token.charAt(i - 1) != c) {
                        cutBlockers[k].set(token.charAt(i - 1));
                    }
                }
            }
        });
        canCut = true;
    }

    /** True if the piece may be cut before position i (a marker not joinable to what precedes it). */
    private boolean canCutBefore(String w, int i) {
        char c = w.charAt(i);
        char before = w.charAt(i - 1);
        if (before == c) {
            return false;
        }
        for (int k = 0; k < CUT_MARKERS.length; k++) {
            if (c == CUT_MARKERS[k]) {
                java.util.BitSet blockers = cutBlockers[k];
                return blockers != null && !blockers.get(before);
            }
        }
        return false;
    }

    /** The name of a byte-fallback token, {@code <0xE4>}. */
    static String byteToken(int b) {
        String hex = "0123456789ABCDEF";
        return "<0x" + hex.charAt(b >> 4) + hex.charAt(b & 15) + ">";
    }

    public Vocabulary vocabulary() {
        return vocab;
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

    @Override
    public void tokenize(String piece, Tokens out) {
        if (piece.isEmpty()) {
            return;
        }
        if (ignoreMerges) {
            int id = vocab.id(piece);
            if (id >= 0) {
                out.add(id, piece, 0, piece.length());
                return;
            }
        }
        int n = piece.length();
        if (n > SEGMENT_ABOVE && canCut) {
            int start = 0;
            for (int i = 1; i < n; i++) {
                if (canCutBefore(piece, i)) {
                    tokenizeSegment(piece.substring(start, i), start, out);
                    start = i;
                }
            }
            tokenizeSegment(start == 0 ? piece : piece.substring(start), start, out);
            return;
        }
        tokenizeSegment(piece, 0, out);
    }

    private void tokenizeSegment(String piece, int shift, Tokens out) {
        boolean useCache = dropout == 0f;
        if (useCache) {
            int[] hit = cache.get(piece);
            if (hit != null) {
                emit(hit, shift, out);
                return;
            }
        }
        int[] result = mergeWord(piece);
        emit(result, shift, out);
        if (useCache && cache.size() < CACHE_CAPACITY && Utf8.length(piece) < MAX_CACHED_BYTES) {
            cache.put(piece, result);
        }
    }

    private void emit(int[] triples, int shift, Tokens out) {
        for (int i = 0; i < triples.length; i += 3) {
            int id = triples[i];
            out.add(id, vocab.token(id), triples[i + 1] + shift, triples[i + 2] + shift);
        }
    }

    private int charId(String w, int i, int len, boolean first, boolean last) {
        if (charIds != null && len == 1) {
            char c = w.charAt(i);
            int id = charIds[c];
            if (id == -2) {
                id = vocab.id(w, i, i + 1);
                charIds[c] = id;
            }
            return id;
        }
        String s = w.substring(i, i + len);
        if (!first && prefix != null) {
            s = prefix + s;
        }
        if (last && suffix != null) {
            s = s + suffix;
        }
        return vocab.id(s);
    }

    /** Splits into characters (or bytes), merges, and returns (id, start, end) triples in UTF-16 units. */
    private int[] mergeWord(String w) {
        int n = w.length();
        BpeWord word = new BpeWord(n + 4);
        int unkId = -1;
        int unkLen = 0;
        boolean unkPending = false;
        int i = 0;
        while (i < n) {
            int cp = w.codePointAt(i);
            int len = Character.charCount(cp);
            boolean first = i == 0;
            boolean last = i + len >= n;
            int byteLen = Utf8.length(cp);
            int id = charId(w, i, len, first, last);
            if (id >= 0) {
                if (unkPending) {
                    word.add(unkId, unkLen);
                    unkPending = false;
                }
                word.add(id, byteLen);
                i += len;
                continue;
            }
            if (byteFallback && addBytes(word, w, i, len, first, last)) {
                i += len;
                continue;
            }
            if (unkToken != null) {
                int u = vocab.id(unkToken);
                if (u < 0) {
                    throw new ModelFormatException("the unknown token " + Vocabulary.quote(unkToken)
                            + " of the BPE model is not in its vocabulary");
                }
                if (unkPending && fuseUnk) {
                    unkLen += byteLen;
                } else {
                    if (unkPending) {
                        word.add(unkId, unkLen);
                    }
                    unkId = u;
                    unkLen = byteLen;
                    unkPending = true;
                }
            }
            i += len;
        }
        if (unkPending) {
            word.add(unkId, unkLen);
        }
        word.mergeAll(merges, dropout);
        return word.toTriples(w);
    }

    private boolean addBytes(BpeWord word, String w, int i, int len, boolean first, boolean last) {
        String s = w.substring(i, i + len);
        if (!first && prefix != null) {
            s = prefix + s;
        }
        if (last && suffix != null) {
            s = s + suffix;
        }
        byte[] bytes = Utf8.encode(s);
        for (byte b : bytes) {
            if (byteIds[b & 0xFF] < 0) {
                return false;
            }
        }
        for (byte b : bytes) {
            word.add(byteIds[b & 0xFF], 1);
        }
        return true;
    }
}
