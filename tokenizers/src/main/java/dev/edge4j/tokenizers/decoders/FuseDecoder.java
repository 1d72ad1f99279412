package dev.edge4j.tokenizers.decoders;

import java.util.List;

/** Joins all tokens into one string. */
public record FuseDecoder() implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        return List.of(String.join("", tokens));
    }
}
