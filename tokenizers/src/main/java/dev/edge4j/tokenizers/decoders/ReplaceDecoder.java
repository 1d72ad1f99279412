package dev.edge4j.tokenizers.decoders;

import dev.edge4j.tokenizers.text.IntList;
import dev.edge4j.tokenizers.text.TextPattern;
import java.util.ArrayList;
import java.util.List;

/** Replaces every match of a pattern in each token. */
public record ReplaceDecoder(TextPattern pattern, String content) implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        IntList m = new IntList();
        for (String t : tokens) {
            m.clear();
            pattern.findMatches(t, m);
            StringBuilder sb = new StringBuilder(t.length());
            for (int i = 0; i < m.size(); i += 3) {
                if (m.get(i + 2) == 1) {
                    sb.append(content);
                } else {
                    sb.append(t, m.get(i), m.get(i + 1));
                }
            }
            out.add(sb.toString());
        }
        return out;
    }
}
