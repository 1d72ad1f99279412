package dev.edge4j.tokenizers.models;

import dev.edge4j.tokenizers.Tokens;

/** Turns one pre-tokenized piece of normalized text into tokens: BPE, WordPiece, Unigram, WordLevel. */
public interface Model {
    /**
     * Tokenizes {@code piece}, appending tokens whose offsets are UTF-16 indices into {@code piece}.
     * Safe to call from several threads at once.
     */
    void tokenize(String piece, Tokens out);

    /** The id of a vocabulary entry, or -1. */
    int tokenToId(String token);

    /** The vocabulary entry of an id, or null. */
    String idToToken(int id);

    /** Number of vocabulary entries. */
    int vocabSize();
}
