package dev.edge4j.tokenizers;

import dev.edge4j.core.ModelFormatException;
import java.nio.file.Path;

/** Builds a tokenizer from the {@code tokenizer.ggml.*} metadata of a GGUF model file. */
public final class GgufTokenizer {
    private GgufTokenizer() {}

    public static Tokenizer load(Path file) {
        throw new ModelFormatException(file + ": reading tokenizers from GGUF files is not available yet");
    }
}
