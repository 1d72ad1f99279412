package dev.edge4j.llm.model;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.gguf.GgufMetadata;
import dev.edge4j.gguf.GgufValue;
import dev.edge4j.gguf.GgufValueType;
import dev.edge4j.gguf.GgufWriter;
import dev.edge4j.llm.quant.QuantScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small random models with a made-up vocabulary: unit tests need no downloads. */
final class TestModels {
    private TestModels() {}

    static final int VOCAB = 300;

    /** A vocabulary of VOCAB plain tokens plus BOS (0) and EOS (1). */
    static GgufMetadata vocabulary(Path dir) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < VOCAB; i++) {
            tokens.add(i == 0 ? "<s>" : i == 1 ? "</s>" : "t" + i);
        }
        int[] types = new int[VOCAB];
        Arrays.fill(types, 1);
        types[0] = 3;
        types[1] = 3;
        Path file = dir.resolve("vocab.gguf");
        new GgufWriter()
                .putString("tokenizer.ggml.model", "llama")
                .put("tokenizer.ggml.tokens", GgufValue.stringArray(tokens))
                .put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, types))
                .putUInt32("tokenizer.ggml.bos_token_id", 0)
                .putUInt32("tokenizer.ggml.eos_token_id", 1)
                .write(file);
        try (GgufFile g = GgufFile.open(file)) {
            return g.metadata();
        }
    }

    static Path write(Path dir, String name, RandomModel.Shape shape, QuantScheme scheme, long seed) {
        Path file = dir.resolve(name + ".gguf");
        try (Parallel pool = Parallel.of(2)) {
            RandomModel.write(file, shape, vocabulary(dir), scheme, seed, pool, Progress.silent("test"));
        }
        return file;
    }
}
