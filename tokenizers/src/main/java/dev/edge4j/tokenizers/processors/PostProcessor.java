package dev.edge4j.tokenizers.processors;

import dev.edge4j.tokenizers.Encoding;
import java.util.ArrayList;
import java.util.List;

/** Adds special tokens around the encoded sequence(s) and joins a pair into one encoding. */
public interface PostProcessor {
    /** How many tokens this adds to a single sequence or to a pair (truncation leaves room for them). */
    int addedTokens(boolean pair);

    /** Transforms the encodings of the sequences (one or two); the results are concatenated afterwards. */
    List<Encoding> processEncodings(List<Encoding> encodings, boolean addSpecialTokens);

    /** HF's {@code PostProcessor::process}: mark sequence and type ids, transform, concatenate. */
    default Encoding process(Encoding first, Encoding second, boolean addSpecialTokens) {
        List<Encoding> list = new ArrayList<>(2);
        list.add(first);
        if (second != null) {
            list.add(second);
        }
        for (int i = 0; i < list.size(); i++) {
            Encoding e = list.get(i);
            e.setSequenceId(i);
            for (Encoding o : e.overflowing()) {
                o.setSequenceId(i);
            }
            e.setTypeIds(i);
        }
        return Encoding.merge(processEncodings(list, addSpecialTokens), false);
    }
}
