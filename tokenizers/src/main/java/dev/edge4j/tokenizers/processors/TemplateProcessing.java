package dev.edge4j.tokenizers.processors;

import dev.edge4j.tokenizers.Encoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Special tokens from a template such as {@code [CLS] $A [SEP] $B:1 [SEP]:1}: each piece is either
 * a sequence (A or B) or a special token, with the type id its tokens get.
 */
public final class TemplateProcessing implements PostProcessor {
    /** One element of a template. */
    public record Piece(boolean isSequence, String id, int typeId) {
        /** Sequence A or B. */
        public static Piece sequence(boolean b, int typeId) {
            return new Piece(true, b ? "B" : "A", typeId);
        }

        /** The special token named {@code id} in the token table. */
        public static Piece special(String id, int typeId) {
            return new Piece(false, id, typeId);
        }
    }

    /** The ids and token strings a special-token name stands for (usually one each). */
    public record SpecialToken(String id, int[] ids, String[] tokens) {}

    private final List<Piece> single;
    private final List<Piece> pair;
    private final Map<String, SpecialToken> specialTokens;
    private final int addedSingle;
    private final int addedPair;

    public TemplateProcessing(List<Piece> single, List<Piece> pair, Map<String, SpecialToken> specialTokens) {
        this.single = List.copyOf(single);
        this.pair = List.copyOf(pair);
        this.specialTokens = Map.copyOf(specialTokens);
        this.addedSingle = countAdded(single);
        this.addedPair = countAdded(pair);
    }

    private int countAdded(List<Piece> template) {
        int n = 0;
        for (Piece p : template) {
            if (!p.isSequence()) {
                SpecialToken t = specialTokens.get(p.id());
                n += t == null ? 0 : t.ids().length;
            }
        }
        return n;
    }

    @Override
    public int addedTokens(boolean isPair) {
        return isPair ? addedPair : addedSingle;
    }

    @Override
    public List<Encoding> processEncodings(List<Encoding> encodings, boolean addSpecialTokens) {
        List<Piece> template = encodings.size() == 2 ? pair : single;
        List<Encoding> out = new ArrayList<>(template.size());
        for (Piece p : template) {
            if (p.isSequence()) {
                int i = p.id().equals("A") ? 0 : 1;
                Encoding e = encodings.get(i);
                e.setTypeIds(p.typeId());
                e.setSequenceId(i);
                out.add(e.copy());
            } else if (addSpecialTokens) {
                SpecialToken t = specialTokens.get(p.id());
                out.add(Encoding.special(t.ids(), t.tokens(), p.typeId()));
            }
        }
        return out;
    }
}
