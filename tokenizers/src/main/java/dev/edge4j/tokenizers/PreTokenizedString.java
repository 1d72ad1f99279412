package dev.edge4j.tokenizers;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The input as a list of pieces on its way through the pipeline: added tokens are already
 * tokenized pieces; the others are normalized, split by the pre-tokenizer, then handed to the model
 * (HF's {@code PreTokenizedString}).
 */
public final class PreTokenizedString {
    /** One piece: its text with alignment, and its tokens once known. */
    public static final class Piece {
        final NormalizedString normalized;
        Tokens tokens;

        Piece(NormalizedString normalized, Tokens tokens) {
            this.normalized = normalized;
            this.tokens = tokens;
        }

        public NormalizedString normalized() {
            return normalized;
        }

        public boolean isTokenized() {
            return tokens != null;
        }
    }

    /** Splits one untokenized piece into new pieces. */
    @FunctionalInterface
    public interface Splitter {
        /** Adds the new pieces of {@code piece} to {@code out} (tokens may be null). */
        void split(NormalizedString piece, PieceSink out);
    }

    /** Receives pieces from a {@link Splitter}. */
    public interface PieceSink {
        void add(NormalizedString piece, Tokens tokens);

        default void add(NormalizedString piece) {
            add(piece, null);
        }

        default void addAll(List<NormalizedString> pieces) {
            for (NormalizedString p : pieces) {
                add(p, null);
            }
        }
    }

    private List<Piece> pieces;

    public PreTokenizedString(NormalizedString whole) {
        pieces = new ArrayList<>(4);
        pieces.add(new Piece(whole, null));
    }

    public List<Piece> pieces() {
        return pieces;
    }

    /** Splits every untokenized piece; empty new pieces are dropped. */
    public void split(Splitter splitter) {
        List<Piece> next = new ArrayList<>(Math.max(16, pieces.size() * 2));
        PieceSink sink = (p, t) -> {
            if (!p.isEmpty()) {
                next.add(new Piece(p, t));
            }
        };
        for (Piece piece : pieces) {
            if (piece.tokens != null) {
                next.add(piece);
            } else {
                splitter.split(piece.normalized, sink);
            }
        }
        pieces = next;
    }

    /** Rewrites the text of every untokenized piece in place. */
    public void normalize(Consumer<NormalizedString> normalizer) {
        for (Piece piece : pieces) {
            if (piece.tokens == null) {
                normalizer.accept(piece.normalized);
            }
        }
    }
}
