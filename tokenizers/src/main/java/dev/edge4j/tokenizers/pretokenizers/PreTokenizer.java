package dev.edge4j.tokenizers.pretokenizers;

import dev.edge4j.tokenizers.PreTokenizedString;

/** Splits normalized text into the pieces ("words") the model tokenizes one by one. */
@FunctionalInterface
public interface PreTokenizer {
    void preTokenize(PreTokenizedString text);
}
