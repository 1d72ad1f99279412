package dev.edge4j.tokenizers.decoders;

import java.util.List;

/** Turns token strings back into text. Decoders can be chained: each maps a list of strings to another. */
@FunctionalInterface
public interface Decoder {
    List<String> decodeChain(List<String> tokens);

    /** The decoded text: the chain's result joined. */
    default String decode(List<String> tokens) {
        return String.join("", decodeChain(tokens));
    }
}
