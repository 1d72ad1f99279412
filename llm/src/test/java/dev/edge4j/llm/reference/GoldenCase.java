package dev.edge4j.llm.reference;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.core.testing.TestModels;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.gguf.GgufMetadata;
import dev.edge4j.llm.model.RandomModel;
import dev.edge4j.llm.quant.QuantScheme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One reference comparison: a random-weight model of a real architecture and vocabulary, its
 * quantization, and the 64-token prompt both runtimes evaluate.
 */
record GoldenCase(String arch, String size, QuantScheme scheme) {
    static final int PROMPT = 64;
    static final int CONTINUATION = 32;

    static List<GoldenCase> all() {
        List<GoldenCase> cases = new ArrayList<>();
        for (String arch : new String[] {"llama3", "qwen2", "qwen3", "llama2"}) {
            for (String size : new String[] {"tiny", "small"}) {
                for (QuantScheme s : new QuantScheme[] {QuantScheme.F32, QuantScheme.F16, QuantScheme.Q8_0, QuantScheme.Q4_0}) {
                    cases.add(new GoldenCase(arch, size, s));
                }
                // Tiny rows (64) are not whole super-blocks: Q4_K_M falls back to Q5_0 and Q8_0 there.
                cases.add(new GoldenCase(arch, size, QuantScheme.Q4_K_M));
            }
        }
        return cases;
    }

    String name() {
        return arch + "-" + size + "-" + scheme.label();
    }

    /** Same weights for every scheme of one architecture and size: the quantized files quantize the F32 one. */
    long seed() {
        return (arch + "/" + size).hashCode() * 1_000_003L + 42;
    }

    RandomModel.Shape shape() {
        return size.equals("tiny") ? RandomModel.Shape.tiny(arch) : RandomModel.Shape.small(arch);
    }

    static Path vocabularyFile(String arch) {
        String vocab = switch (arch) {
            case "llama3" -> "llama-bpe";
            case "llama2" -> "llama-spm";
            default -> "qwen2";
        };
        return TestModels.get("llama-cpp-vocabs").resolve("ggml-vocab-" + vocab + ".gguf");
    }

    /** Writes the model to {@code file}. */
    void writeModel(Path file, Parallel pool) {
        try (GgufFile vocab = GgufFile.open(vocabularyFile(arch))) {
            RandomModel.write(file, shape(), vocab.metadata(), scheme, seed(), pool, Progress.silent("model"));
        }
    }

    /** BOS (when the vocabulary adds one) then ordinary tokens drawn from a fixed seed. */
    int[] prompt() {
        try (GgufFile vocab = GgufFile.open(vocabularyFile(arch))) {
            GgufMetadata m = vocab.metadata();
            int[] types = m.getIntArray("tokenizer.ggml.token_type");
            int bos = m.getInt("tokenizer.ggml.bos_token_id", -1);
            boolean addBos = bos >= 0 && m.getBoolean("tokenizer.ggml.add_bos_token", true);
            SplittableRandom random = new SplittableRandom(seed() ^ 0x5EEDL);
            int[] ids = new int[PROMPT];
            int i = 0;
            if (addBos) {
                ids[i++] = bos;
            }
            while (i < PROMPT) {
                int id = random.nextInt(types.length);
                if (types[id] == 1) {
                    ids[i++] = id;
                }
            }
            return ids;
        }
    }

    String resource() {
        return "/dev/edge4j/llm/golden/" + name().toLowerCase(Locale.ROOT) + ".bin.gz";
    }
}
