package dev.edge4j.tokenizers.decoders;

import java.util.ArrayList;
import java.util.List;

/** Joins WordPiece tokens: pieces with the prefix attach to the previous word, others get a space. */
public record WordPieceDecoder(String prefix, boolean cleanup) implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (i != 0) {
                t = t.startsWith(prefix) ? t.substring(prefix.length()) : " " + t;
            }
            out.add(cleanup ? cleanup(t) : t);
        }
        return out;
    }

    /** Removes the spaces BERT's tokenization puts before punctuation and contractions. */
    static String cleanup(String s) {
        return s.replace(" .", ".").replace(" ?", "?").replace(" !", "!").replace(" ,", ",")
                .replace(" ' ", "'").replace(" n't", "n't").replace(" 'm", "'m").replace(" do not", " don't")
                .replace(" 's", "'s").replace(" 've", "'ve").replace(" 're", "'re");
    }
}
