package dev.edge4j.tokenizers.processors;

import dev.edge4j.tokenizers.Encoding;
import java.util.ArrayList;
import java.util.List;

/** RoBERTa's {@code <s> A </s>} and {@code <s> A </s> </s> B </s>}, all type id 0, with optional offset trimming. */
public record RobertaProcessing(String sepToken, int sepId, String clsToken, int clsId, boolean trimOffsets,
                                boolean addPrefixSpace) implements PostProcessor {
    @Override
    public int addedTokens(boolean pair) {
        return pair ? 4 : 2;
    }

    @Override
    public List<Encoding> processEncodings(List<Encoding> encodings, boolean addSpecialTokens) {
        if (trimOffsets) {
            for (Encoding e : encodings) {
                ByteLevelProcessor.trim(e, addPrefixSpace);
                for (Encoding o : e.overflowing()) {
                    ByteLevelProcessor.trim(o, addPrefixSpace);
                }
            }
        }
        for (Encoding e : encodings) {
            e.setTypeIds(0);
        }
        if (!addSpecialTokens) {
            return encodings;
        }
        List<Encoding> out = new ArrayList<>(encodings.size());
        for (int i = 0; i < encodings.size(); i++) {
            Encoding e = encodings.get(i);
            boolean first = i == 0;
            int openId = first ? clsId : sepId;
            String open = first ? clsToken : sepToken;
            Encoding r = Encoding.wrap(e, openId, open, 0, sepId, sepToken, 0, first ? 0 : 1);
            List<Encoding> over = new ArrayList<>();
            for (Encoding o : e.overflowing()) {
                Encoding w = Encoding.wrap(o, openId, open, 0, sepId, sepToken, 0, first ? 0 : 1);
                w.setTypeIds(0);
                over.add(w);
            }
            r.setOverflowing(over);
            out.add(r);
        }
        return out;
    }
}
