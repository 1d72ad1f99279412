package dev.edge4j.tokenizers.decoders;

import java.util.ArrayList;
import java.util.List;

/** Turns the word marker (▁) back into spaces; in the first token it is dropped unless nothing was prepended. */
public record MetaspaceDecoder(int replacement, boolean dropInFirstToken) implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            StringBuilder sb = new StringBuilder(t.length());
            for (int k = 0; k < t.length(); ) {
                int c = t.codePointAt(k);
                if (c == replacement) {
                    if (!(i == 0 && dropInFirstToken)) {
                        sb.append(' ');
                    }
                } else {
                    sb.appendCodePoint(c);
                }
                k += Character.charCount(c);
            }
            out.add(sb.toString());
        }
        return out;
    }
}
