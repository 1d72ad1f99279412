package dev.edge4j.cli;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.llm.model.LanguageModel;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code edge4j llm}: run GGUF language models (Llama, Qwen) on this machine. */
@Command(name = "llm",
        mixinStandardHelpOptions = true,
        description = {
            "Run GGUF language models (Llama 2/3, Mistral, SmolLM, Qwen2/2.5, Qwen3) in pure Java.",
            "Weights are memory-mapped; F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q4_K, Q5_K and Q6_K tensors are supported."},
        subcommands = {
            LlmChatCommand.class,
            LlmRunCommand.class,
            LlmBenchCommand.class,
            LlmLogitsCommand.class,
            LlmQuantizeCommand.class,
            LlmRandomCommand.class,
            LlmInfoCommand.class})
final class LlmCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every command that runs a model takes. */
    static final class RuntimeOptions {
        @Option(names = {"-t", "--threads"}, paramLabel = "N",
                description = "Threads to compute with (default: physical cores).")
        Integer threads;

        @Option(names = "--ctx", paramLabel = "N",
                description = "Context length in tokens (default: the model's, at most 4096).")
        int contextLength;

        @Option(names = "--batch", paramLabel = "N", defaultValue = "256",
                description = "Prompt tokens evaluated together (default: ${DEFAULT-VALUE}).")
        int batch;

        Parallel pool() {
            int n = threads != null ? threads : Parallel.physicalCores();
            if (n < 1) {
                throw new InvalidInputException("--threads must be at least 1, got " + n);
            }
            return Parallel.of(n);
        }
    }

    /** Opens a model, with a progress line should checking the header and weights take a while. */
    static LanguageModel open(Path path) {
        Progress progress = Progress.items("loading " + path.getFileName(), -1);
        try {
            return LanguageModel.open(path);
        } finally {
            progress.close();
        }
    }

    /** Parses "1 2 3" or "1,2,3" into token ids. */
    static int[] parseIds(String ids) {
        String[] parts = ids.trim().split("[\\s,]+");
        if (ids.isBlank()) {
            throw new InvalidInputException("--ids is empty: give token ids such as \"1 2 3\"");
        }
        try {
            return Arrays.stream(parts).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new InvalidInputException("--ids must be whole numbers separated by spaces or commas, got \"" + ids + "\"");
        }
    }
}
