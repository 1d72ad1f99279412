package dev.edge4j.tokenizers.decoders;

import java.util.ArrayList;
import java.util.List;

/** Replaces the end-of-word suffix ({@code </w>}) by a space, except in the last token where it just goes. */
public record BpeDecoder(String suffix) implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            out.add(tokens.get(i).replace(suffix, i == tokens.size() - 1 ? "" : " "));
        }
        return out;
    }
}
