package dev.edge4j.tokenizers.decoders;

import java.util.ArrayList;
import java.util.List;

/** Removes up to {@code start} leading and {@code stop} trailing {@code content} characters from each token. */
public record StripDecoder(int content, int start, int stop) implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            int[] cps = t.codePoints().toArray();
            int startCut = 0;
            for (int i = 0; i < Math.min(start, cps.length); i++) {
                if (cps[i] == content) {
                    startCut = i + 1;
                } else {
                    break;
                }
            }
            int stopCut = cps.length;
            for (int i = 0; i < stop && i < cps.length; i++) {
                int index = cps.length - i - 1;
                if (cps[index] == content) {
                    stopCut = index;
                } else {
                    break;
                }
            }
            out.add(startCut >= stopCut ? "" : new String(cps, startCut, stopCut - startCut));
        }
        return out;
    }
}
