package dev.edge4j.tokenizers.processors;

import dev.edge4j.tokenizers.Encoding;
import java.util.ArrayList;
import java.util.List;

/** BERT's {@code [CLS] A [SEP]} and {@code [CLS] A [SEP] B [SEP]}, B with type id 1. */
public record BertProcessing(String sepToken, int sepId, String clsToken, int clsId) implements PostProcessor {
    @Override
    public int addedTokens(boolean pair) {
        return pair ? 3 : 2;
    }

    @Override
    public List<Encoding> processEncodings(List<Encoding> encodings, boolean addSpecialTokens) {
        if (!addSpecialTokens) {
            return encodings;
        }
        List<Encoding> out = new ArrayList<>(encodings.size());
        for (int i = 0; i < encodings.size(); i++) {
            Encoding e = encodings.get(i);
            out.add(i == 0 ? wrapFirst(e) : wrapSecond(e));
        }
        return out;
    }

    private Encoding wrapFirst(Encoding e) {
        Encoding r = Encoding.wrap(e, clsId, clsToken, 0, sepId, sepToken, 0, 0);
        List<Encoding> over = new ArrayList<>();
        for (Encoding o : e.overflowing()) {
            over.add(Encoding.wrap(o, clsId, clsToken, 0, sepId, sepToken, 0, 0));
        }
        r.setOverflowing(over);
        return r;
    }

    private Encoding wrapSecond(Encoding e) {
        Encoding r = Encoding.wrap(e, -1, null, 0, sepId, sepToken, 1, 1);
        List<Encoding> over = new ArrayList<>();
        for (Encoding o : e.overflowing()) {
            over.add(Encoding.wrap(o, -1, null, 0, sepId, sepToken, 1, 1));
        }
        r.setOverflowing(over);
        return r;
    }
}
