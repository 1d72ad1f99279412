package dev.edge4j.tokenizers.models;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.tokenizers.Tokens;
import dev.edge4j.tokenizers.text.Utf8;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SentencePiece unigram model as HF runs it: the segmentation with the highest total score
 * (Viterbi over the pieces found by a trie), unknown characters scored below every piece and fused
 * together, optional byte fallback for pieces not in the vocabulary.
 */
public final class Unigram implements Model {
    private static final double UNK_PENALTY = 10.0;
    private static final int MAX_CACHED_BYTES = 256;
    private static final int CACHE_CAPACITY = 100_000;

    private final List<String> pieces;
    private final double[] scores;
    private final Vocabulary vocab;
    private final Integer unkId;
    private final boolean byteFallback;
    private final double minScore;
    private final Trie trie = new Trie();
    private final ConcurrentHashMap<String, String[]> cache = new ConcurrentHashMap<>();

    /**
     * @param pieces the vocabulary in id order
     * @param scores the log-probability of each piece
     * @param unkId  id of the unknown piece, or null
     */
    public Unigram(List<String> pieces, double[] scores, Integer unkId, boolean byteFallback, String where) {
        if (unkId != null) {
            if (pieces.isEmpty()) {
                throw new ModelFormatException(where + ".vocab: is empty, but the unknown token needs an entry");
            }
            if (unkId < 0 || unkId >= pieces.size()) {
                throw new ModelFormatException(where + ".unk_id: " + unkId + " is outside the vocabulary of "
                        + pieces.size() + " pieces");
            }
        }
        this.pieces = new ArrayList<>(pieces);
        this.scores = scores.clone();
        this.unkId = unkId;
        this.byteFallback = byteFallback;
        Map<String, Integer> ids = new HashMap<>();
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < pieces.size(); i++) {
            ids.put(pieces.get(i), i);
            min = Math.min(min, scores[i]);
        }
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            trie.put(e.getKey(), e.getValue());
        }
        this.vocab = Vocabulary.of(ids, where + ".vocab");
        this.minScore = min;
    }

    public boolean byteFallback() {
        return byteFallback;
    }

    @Override
    public void tokenize(String sentence, Tokens out) {
        String[] parts = encode(sentence);
        int offset = 0;
        for (String part : parts) {
            int len = part.length();
            int id = vocab.id(part);
            if (id < 0) {
                if (byteFallback && addBytes(part, offset, out)) {
                    offset += len;
                    continue;
                }
                if (unkId == null) {
                    throw new ModelFormatException("the Unigram model met an unknown piece "
                            + "but has no unk_id");
                }
                id = unkId;
            }
            out.add(id, part, offset, offset + len);
            offset += len;
        }
    }

    private boolean addBytes(String part, int offset, Tokens out) {
        byte[] bytes = Utf8.encode(part);
        int[] ids = new int[bytes.length];
        String[] names = new String[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            names[i] = String.format("<0x%02X>", bytes[i] & 0xFF);
            ids[i] = vocab.id(names[i]);
            if (ids[i] < 0) {
                return false;
            }
        }
        for (int i = 0; i < bytes.length; i++) {
            out.add(ids[i], names[i], offset, offset + part.length());
        }
        return true;
    }

    /** The best segmentation into piece strings (unknown stretches fused into one string). */
    String[] encode(String sentence) {
        if (sentence.isEmpty()) {
            return new String[0];
        }
        String[] hit = cache.get(sentence);
        if (hit != null) {
            return hit;
        }
        String[] result = viterbi(sentence);
        if (cache.size() < CACHE_CAPACITY && Utf8.length(sentence) < MAX_CACHED_BYTES) {
            cache.put(sentence, result);
        }
        return result;
    }

    private String[] viterbi(String s) {
        int size = s.length();
        double unkScore = minScore - UNK_PENALTY;
        int[] bestId = new int[size + 1];
        double[] bestScore = new double[size + 1];
        int[] startsAt = new int[size + 1];
        java.util.Arrays.fill(startsAt, -1);
        int[] match = new int[2];
        int pos = 0;
        while (pos < size) {
            double here = bestScore[pos];
            boolean hasSingle = false;
            int charLen = Character.charCount(s.codePointAt(pos));
            int node = 0;
            for (int i = pos; i < size; i++) {
                node = trie.step(node, s.charAt(i));
                if (node < 0) {
                    break;
                }
                int id = trie.value(node);
                if (id < 0) {
                    continue;
                }
                int keyPos = i + 1;
                double candidate = scores[id] + here;
                if (startsAt[keyPos] < 0 || candidate > bestScore[keyPos]) {
                    bestScore[keyPos] = candidate;
                    startsAt[keyPos] = pos;
                    bestId[keyPos] = id;
                }
                if (!hasSingle && keyPos - pos == charLen) {
                    hasSingle = true;
                }
            }
            if (!hasSingle) {
                int keyPos = pos + charLen;
                double candidate = unkScore + here;
                if (startsAt[keyPos] < 0 || candidate > bestScore[keyPos]) {
                    if (unkId == null) {
                        throw new ModelFormatException("the Unigram model met an unknown character "
                                + "but has no unk_id");
                    }
                    bestScore[keyPos] = candidate;
                    startsAt[keyPos] = pos;
                    bestId[keyPos] = unkId;
                }
            }
            pos += charLen;
        }
        List<String> results = new ArrayList<>();
        int end = size;
        List<String> unkParts = new ArrayList<>();
        while (end > 0) {
            int start = startsAt[end];
            if (unkId != null && bestId[end] == unkId) {
                unkParts.add(s.substring(start, end));
            } else {
                if (!unkParts.isEmpty()) {
                    results.add(joinReversed(unkParts));
                    unkParts.clear();
                }
                results.add(s.substring(start, end));
            }
            end = start;
        }
        if (!unkParts.isEmpty()) {
            results.add(joinReversed(unkParts));
        }
        java.util.Collections.reverse(results);
        return results.toArray(new String[0]);
    }

    private static String joinReversed(List<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (int i = parts.size() - 1; i >= 0; i--) {
            sb.append(parts.get(i));
        }
        return sb.toString();
    }

    @Override
    public int tokenToId(String token) {
        return vocab.id(token);
    }

    @Override
    public String idToToken(int id) {
        return id >= 0 && id < pieces.size() ? pieces.get(id) : null;
    }

    @Override
    public int vocabSize() {
        return pieces.size();
    }

    /** A trie over UTF-16 units whose nodes carry the id of the piece ending there. */
    private static final class Trie {
        private final dev.edge4j.tokenizers.text.LongLongMap edges = new dev.edge4j.tokenizers.text.LongLongMap(1024);
        private int[] values = {-1};
        private int nodes = 1;

        void put(String key, int id) {
            int node = 0;
            for (int i = 0; i < key.length(); i++) {
                long e = ((long) node << 16) | key.charAt(i);
                int next = (int) edges.get(e, -1);
                if (next < 0) {
                    if (nodes == values.length) {
                        values = java.util.Arrays.copyOf(values, nodes * 2);
                    }
                    values[nodes] = -1;
                    next = nodes++;
                    edges.put(e, next);
                }
                node = next;
            }
            if (node != 0) {
                values[node] = id;
            }
        }

        int step(int node, char c) {
            return (int) edges.get(((long) node << 16) | c, -1);
        }

        int value(int node) {
            return values[node];
        }
    }
}
