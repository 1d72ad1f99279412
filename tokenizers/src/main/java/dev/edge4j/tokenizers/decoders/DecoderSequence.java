package dev.edge4j.tokenizers.decoders;

import java.util.List;

/** Several decoders, one after the other. */
public record DecoderSequence(List<Decoder> decoders) implements Decoder {
    public DecoderSequence {
        decoders = List.copyOf(decoders);
    }

    @Override
    public List<String> decodeChain(List<String> tokens) {
        for (Decoder d : decoders) {
            tokens = d.decodeChain(tokens);
        }
        return tokens;
    }
}
