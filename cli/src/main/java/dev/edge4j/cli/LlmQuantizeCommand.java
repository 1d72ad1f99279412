package dev.edge4j.cli;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.llm.quant.ModelQuantizer;
import dev.edge4j.llm.quant.QuantScheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j llm quantize}: rewrite a GGUF model with fewer bits per weight. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = {
            "Rewrites a GGUF model in another tensor type mix, as llama-quantize does (same rules, same bytes).",
            "Types: f32, f16, bf16, q8_0, q4_0, q4_1, q4_k_m, q5_k_m, q6_k.",
            "Example: edge4j llm quantize model-f16.gguf model-q4_k_m.gguf q4_k_m"})
final class LlmQuantizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "IN", description = "The GGUF model to read.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "The GGUF file to write.")
    Path out;

    @Parameters(index = "2", paramLabel = "TYPE", description = "The quantization: f32, f16, bf16, q8_0, q4_0, q4_1, q4_k_m, q5_k_m or q6_k.")
    String type;

    @Option(names = {"-t", "--threads"}, paramLabel = "N", description = "Threads (default: physical cores).")
    Integer threads;

    @Override
    public Integer call() {
        QuantScheme scheme = QuantScheme.byName(type);
        if (scheme == null) {
            throw new InvalidInputException("unknown quantization type '" + type + "'; choose one of "
                    + Arrays.stream(QuantScheme.values()).map(QuantScheme::label).toList());
        }
        try (Parallel pool = Parallel.of(threads != null ? threads : Parallel.physicalCores());
             Progress progress = Progress.items("quantizing to " + scheme.label(), -1)) {
            long before = sizeOf(in);
            long after = ModelQuantizer.quantize(in, out, scheme, pool, progress);
            System.out.printf(Locale.ROOT, "%s: %.1f MB -> %s: %.1f MB (%s)%n", in.getFileName(), before / 1048576.0,
                    out.getFileName(), after / 1048576.0, scheme.label());
        }
        return 0;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
