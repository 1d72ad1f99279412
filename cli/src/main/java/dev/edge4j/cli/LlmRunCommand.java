package dev.edge4j.cli;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.llm.Generator;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.Session;
import dev.edge4j.llm.sample.Sampler;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j llm run}: continue a prompt. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
            "Continues a prompt given as token ids and prints the generated ids, streaming, space-separated.",
            "Example: edge4j llm run model.gguf --ids \"128000 9906\" -n 32 --temp 0"})
final class LlmRunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The GGUF model file.")
    Path model;

    @Option(names = "--ids", required = true, paramLabel = "IDS", description = "The prompt as token ids, separated by spaces or commas.")
    String ids;

    @Option(names = {"-n", "--tokens"}, paramLabel = "N", defaultValue = "128", description = "Most tokens to generate (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--ignore-eos", description = "Keep generating past end-of-text tokens.")
    boolean ignoreEos;

    @Option(names = "--stats", description = "Print prompt and generation speed on standard error.")
    boolean stats;

    @Mixin
    SamplingOptions sampling = new SamplingOptions();

    @Mixin
    LlmCommand.RuntimeOptions runtime = new LlmCommand.RuntimeOptions();

    @Override
    public Integer call() {
        int[] prompt = LlmCommand.parseIds(ids);
        if (maxTokens < 0) {
            throw new InvalidInputException("-n must be 0 or more, got " + maxTokens);
        }
        try (LanguageModel m = LlmCommand.open(model); Parallel pool = runtime.pool();
             Session session = m.newSession(runtime.contextLength, runtime.batch, pool)) {
            Sampler sampler = new Sampler(sampling.settings());
            boolean[] first = {true};
            Generator.Result r = Generator.generate(session, prompt, maxTokens, sampler,
                    ignoreEos ? java.util.Set.of() : m.endTokens(), token -> {
                        System.out.print((first[0] ? "" : " ") + token);
                        System.out.flush();
                        first[0] = false;
                    }, () -> false);
            System.out.println();
            if (stats) {
                System.err.printf(Locale.ROOT, "prompt: %d tokens, %.1f tokens/s; generated: %d tokens, %.1f tokens/s; stop: %s%n",
                        r.promptTokens(), r.promptTokensPerSecond(), r.tokens().length, r.generateTokensPerSecond(),
                        r.stop().name().toLowerCase(Locale.ROOT));
            }
        }
        return 0;
    }
}
