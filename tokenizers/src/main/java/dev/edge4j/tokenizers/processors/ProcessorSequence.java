package dev.edge4j.tokenizers.processors;

import dev.edge4j.tokenizers.Encoding;
import java.util.List;

/** Several post-processors, one after the other. */
public record ProcessorSequence(List<PostProcessor> processors) implements PostProcessor {
    public ProcessorSequence {
        processors = List.copyOf(processors);
    }

    @Override
    public int addedTokens(boolean pair) {
        int n = 0;
        for (PostProcessor p : processors) {
            n += p.addedTokens(pair);
        }
        return n;
    }

    @Override
    public List<Encoding> processEncodings(List<Encoding> encodings, boolean addSpecialTokens) {
        for (PostProcessor p : processors) {
            encodings = p.processEncodings(encodings, addSpecialTokens);
        }
        return encodings;
    }
}
