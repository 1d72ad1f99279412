package dev.edge4j.tokenizers.models;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.tokenizers.Tokens;
import java.util.Map;

/** One token per piece: the piece itself if it is in the vocabulary, else the unknown token. */
public final class WordLevel implements Model {
    private final Vocabulary vocab;
    private final String unkToken;

    public WordLevel(Map<String, Integer> vocab, String unkToken, String where) {
        this(Vocabulary.of(vocab, where + ".vocab"), unkToken);
    }

    public WordLevel(Vocabulary vocab, String unkToken) {
        this.vocab = vocab;
        this.unkToken = unkToken;
    }

    @Override
    public void tokenize(String piece, Tokens out) {
        int id = vocab.id(piece);
        if (id >= 0) {
            out.add(id, piece, 0, piece.length());
            return;
        }
        int unk = unkToken == null ? -1 : vocab.id(unkToken);
        if (unk < 0) {
            throw new ModelFormatException("the WordLevel model has no unknown token "
                    + (unkToken == null ? "" : Vocabulary.quote(unkToken) + " ")
                    + "in its vocabulary for the piece " + Vocabulary.quote(piece));
        }
        out.add(unk, unkToken, 0, piece.length());
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
