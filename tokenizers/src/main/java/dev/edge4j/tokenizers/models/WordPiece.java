package dev.edge4j.tokenizers.models;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.tokenizers.Tokens;
import java.util.Map;

/**
 * WordPiece as HF's: greedy longest match from the start of the word; pieces after the first carry
 * the continuing prefix ({@code ##}); a word that cannot be covered, or is longer than the limit,
 * becomes the unknown token.
 */
public final class WordPiece implements Model {
    private final Vocabulary vocab;
    private final String unkToken;
    private final String prefix;
    private final int maxInputCharsPerWord;
    /** Words already split: (id, start, end) triples. Results never change, so caching is safe. */
    private final java.util.concurrent.ConcurrentHashMap<String, int[]> cache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_CAPACITY = 100_000;
    private static final int MAX_CACHED_LENGTH = 128;

    public WordPiece(Map<String, Integer> vocab, String unkToken, String continuingSubwordPrefix,
                     int maxInputCharsPerWord, String where) {
        this(Vocabulary.of(vocab, where + ".vocab"), unkToken, continuingSubwordPrefix, maxInputCharsPerWord);
    }

    public WordPiece(Vocabulary vocab, String unkToken, String continuingSubwordPrefix, int maxInputCharsPerWord) {
        this.vocab = vocab;
        this.unkToken = unkToken;
        this.prefix = continuingSubwordPrefix;
        this.maxInputCharsPerWord = maxInputCharsPerWord;
    }

    public String continuingSubwordPrefix() {
        return prefix;
    }

    @Override
    public void tokenize(String word, Tokens out) {
        int[] hit = cache.get(word);
        if (hit != null) {
            for (int i = 0; i < hit.length; i += 3) {
                out.add(hit[i], vocab.token(hit[i]), hit[i + 1], hit[i + 2]);
            }
            return;
        }
        int mark = out.size();
        split(word, out);
        if (word.length() < MAX_CACHED_LENGTH && cache.size() < CACHE_CAPACITY) {
            int[] triples = new int[3 * (out.size() - mark)];
            for (int i = mark, k = 0; i < out.size(); i++, k += 3) {
                triples[k] = out.id(i);
                triples[k + 1] = out.start(i);
                triples[k + 2] = out.end(i);
            }
            cache.put(word, triples);
        }
    }

    private void split(String word, Tokens out) {
        int n = word.length();
        if (word.codePointCount(0, n) > maxInputCharsPerWord) {
            unknown(word, out);
            return;
        }
        int mark = out.size();
        int start = 0;
        while (start < n) {
            int end = n;
            int id = -1;
            while (start < end) {
                id = start > 0 ? vocab.id(prefix, word, start, end) : vocab.id(word, start, end);
                if (id >= 0) {
                    break;
                }
                end -= Character.charCount(word.codePointBefore(end));
            }
            if (id < 0) {
                out.truncate(mark);
                unknown(word, out);
                return;
            }
            out.add(id, vocab.token(id), start, end);
            start = end;
        }
    }

    private void unknown(String word, Tokens out) {
        int id = vocab.id(unkToken);
        if (id < 0) {
            throw new ModelFormatException("the unknown token " + Vocabulary.quote(unkToken)
                    + " of the WordPiece model is not in its vocabulary");
        }
        out.add(id, unkToken, 0, word.length());
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
}
