package dev.edge4j.tokenizers.decoders;

import java.util.ArrayList;
import java.util.List;

/** CTC output: collapse repeated tokens, drop padding, turn the word delimiter into spaces. */
public record CtcDecoder(String padToken, String wordDelimiterToken, boolean cleanup) implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>();
        String previous = null;
        for (String t : tokens) {
            if (t.equals(previous)) {
                continue;
            }
            previous = t;
            String r = t.replace(padToken, "");
            if (cleanup) {
                r = WordPieceDecoder.cleanup(r).replace(wordDelimiterToken, " ");
            }
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }
}
