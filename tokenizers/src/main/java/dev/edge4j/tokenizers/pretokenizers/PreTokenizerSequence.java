package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;
import java.util.List;

/** Several pre-tokenizers, one after the other. */
public record PreTokenizerSequence(List<PreTokenizer> preTokenizers) implements PreTokenizer {
    public PreTokenizerSequence {
        preTokenizers = List.copyOf(preTokenizers);
    }

    @Override
    public void preTokenize(PreTokenizedString text) {
        for (PreTokenizer p : preTokenizers) {
            p.preTokenize(text);
        }
    }
}
