package dev.edge4j.cli;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.llm.model.RandomModel;
import dev.edge4j.llm.quant.QuantScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j llm random}: a model of a real shape and vocabulary with random weights, for tests and benchmarks. */
@Command(name = "random", mixinStandardHelpOptions = true,
        description = {
            "Writes a GGUF model with random weights: a real architecture and shape, the vocabulary of another GGUF",
            "file (e.g. llama.cpp's ggml-vocab-qwen2.gguf), quantized as asked. Useful to benchmark without a real model.",
            "Example: edge4j llm random qwen-0.5b-q8_0.gguf --shape qwen2.5-0.5b --vocab ggml-vocab-qwen2.gguf --type q8_0"})
final class LlmRandomCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUT", description = "The GGUF file to write.")
    Path out;

    @Option(names = "--shape", required = true, paramLabel = "SHAPE",
            description = "qwen2.5-0.5b, or ARCH-tiny / ARCH-small with ARCH one of llama3, llama2, qwen2, qwen3.")
    String shape;

    @Option(names = "--vocab", required = true, paramLabel = "FILE", description = "A GGUF file whose tokenizer to copy.")
    Path vocab;

    @Option(names = "--type", paramLabel = "TYPE", defaultValue = "f32", description = "Quantization (default: ${DEFAULT-VALUE}); see `llm quantize`.")
    String type;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the weights (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads (default: physical cores).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        QuantScheme scheme = QuantScheme.byName(type);
        if (scheme == null) {
            throw new InvalidInputException("unknown quantization type '" + type + "'");
        }
        RandomModel.Shape s = parse(shape);
        try (GgufFile v = GgufFile.open(vocab);
             Parallel pool = Parallel.of(threads != null ? threads : Parallel.physicalCores());
             Progress progress = Progress.items("writing " + out.getFileName(), -1)) {
            RandomModel.write(out, s, v.metadata(), scheme, seed, pool, progress);
        }
        System.out.printf(Locale.ROOT, "%s: %.1f MB%n", out, Files.size(out) / 1048576.0);
        return 0;
    }

    static RandomModel.Shape parse(String shape) {
        if (shape.equals("qwen2.5-0.5b")) {
            return RandomModel.Shape.qwen25_05b();
        }
        int dash = shape.lastIndexOf('-');
        if (dash > 0) {
            String arch = shape.substring(0, dash);
            try {
                switch (shape.substring(dash + 1)) {
                    case "tiny" -> {
                        return RandomModel.Shape.tiny(arch);
                    }
                    case "small" -> {
                        return RandomModel.Shape.small(arch);
                    }
                    default -> { }
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(e.getMessage());
            }
        }
        throw new InvalidInputException("unknown --shape '" + shape + "'; use qwen2.5-0.5b or ARCH-tiny / ARCH-small");
    }
}
