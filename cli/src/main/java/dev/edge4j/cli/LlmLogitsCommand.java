package dev.edge4j.cli;

import dev.edge4j.core.Parallel;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.Session;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j llm logits}: the model's scores for the next token, for comparisons with other runtimes. */
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = {
            "Evaluates token ids and prints the logits after the last one: lines ID<TAB>LOGIT, highest first.",
            "Example: edge4j llm logits model.gguf --ids \"1 15043 3186\" --top 5"})
final class LlmLogitsCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The GGUF model file.")
    Path model;

    @Option(names = "--ids", required = true, paramLabel = "IDS", description = "Token ids, separated by spaces or commas.")
    String ids;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "How many logits to print (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--all", description = "Print the logit of every vocabulary entry (highest first).")
    boolean all;

    @Mixin
    LlmCommand.RuntimeOptions runtime = new LlmCommand.RuntimeOptions();

    @Override
    public Integer call() {
        int[] tokens = LlmCommand.parseIds(ids);
        if (top < 1) {
            throw new dev.edge4j.core.InvalidInputException("--top must be at least 1, got " + top);
        }
        try (LanguageModel m = LlmCommand.open(model); Parallel pool = runtime.pool()) {
            int ctx = runtime.contextLength > 0 ? runtime.contextLength : Math.max(tokens.length, Math.min(m.trainContext(), 4096));
            float[] logits;
            try (Session s = m.newSession(ctx, runtime.batch, pool)) {
                logits = s.evaluate(tokens);
            }
            Integer[] order = new Integer[logits.length];
            Arrays.setAll(order, i -> i);
            Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a]) : Integer.compare(a, b));
            int k = all ? logits.length : Math.min(top, logits.length);
            PrintStream out = System.out;
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < k; i++) {
                sb.append(order[i]).append('\t').append(String.format(Locale.ROOT, "%.6f", logits[order[i]])).append('\n');
            }
            out.print(sb);
            out.flush();
        }
        return 0;
    }
}
