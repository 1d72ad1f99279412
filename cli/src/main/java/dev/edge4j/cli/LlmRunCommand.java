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
            "Continues a prompt and prints what the model writes, as it writes it. The prompt is text (-p),",
            "tokenized with the model's own tokenizer, or token ids (--ids, then ids are printed).",
            "Example: edge4j llm run model.gguf -p \"The capital of France is\" -n 32 --temp 0"})
final class LlmRunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The GGUF model file.")
    Path model;

    @Option(names = {"-p", "--prompt"}, paramLabel = "TEXT", description = "The prompt as text.")
    String prompt;

    @Option(names = "--ids", paramLabel = "IDS", description = "The prompt as token ids, separated by spaces or commas.")
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
        if ((prompt == null) == (ids == null)) {
            throw new InvalidInputException("give the prompt either as text (-p) or as token ids (--ids)");
        }
        if (maxTokens < 0) {
            throw new InvalidInputException("-n must be 0 or more, got " + maxTokens);
        }
        java.io.PrintStream out = new java.io.PrintStream(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
        try (LanguageModel m = LlmCommand.open(model); Parallel pool = runtime.pool();
             Session session = m.newSession(runtime.contextLength, runtime.batch, pool)) {
            Sampler sampler = new Sampler(sampling.settings());
            java.util.function.IntConsumer print;
            int[] tokens;
            dev.edge4j.llm.chat.TextStream text = null;
            if (prompt != null) {
                dev.edge4j.tokenizers.Tokenizer tokenizer = dev.edge4j.tokenizers.GgufTokenizer.fromMetadata(m.metadata());
                tokens = tokenizer.encode(prompt, true).ids();
                dev.edge4j.llm.chat.TextStream stream = new dev.edge4j.llm.chat.TextStream(tokenizer);
                text = stream;
                print = token -> out.print(stream.push(token));
            } else {
                tokens = LlmCommand.parseIds(ids);
                boolean[] first = {true};
                print = token -> {
                    out.print((first[0] ? "" : " ") + token);
                    first[0] = false;
                };
            }
            Generator.Result r = Generator.generate(session, tokens, maxTokens, sampler,
                    ignoreEos ? java.util.Set.of() : m.endTokens(), token -> {
                        print.accept(token);
                        out.flush();
                    }, () -> false);
            if (text != null) {
                out.print(text.rest());
            }
            out.println();
            if (stats) {
                System.err.printf(Locale.ROOT, "prompt: %d tokens, %.1f tokens/s; generated: %d tokens, %.1f tokens/s; stop: %s%n",
                        r.promptTokens(), r.promptTokensPerSecond(), r.tokens().length, r.generateTokensPerSecond(),
                        r.stop().name().toLowerCase(Locale.ROOT));
            }
        }
        return 0;
    }
}
