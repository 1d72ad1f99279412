package dev.edge4j.cli;

import dev.edge4j.core.Parallel;
import dev.edge4j.llm.Generator;
import dev.edge4j.llm.chat.Chat;
import dev.edge4j.llm.model.ContextFullException;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j llm chat}: talk with a model in the terminal. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {
            "Chats with a model, one line per message, using the model's own chat template and tokenizer.",
            "Answers stream as they are generated. /reset starts a new conversation, /exit (or end of input) quits;",
            "Ctrl-C stops the answer being written, not the program.",
            "Example: edge4j llm chat qwen2.5-0.5b-instruct-q8_0.gguf --system \"You are a helpful assistant.\""})
final class LlmChatCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The GGUF model file (with a chat template).")
    Path model;

    @Option(names = {"-s", "--system"}, paramLabel = "TEXT", description = "A system prompt for the conversation.")
    String system;

    @Option(names = {"-n", "--tokens"}, paramLabel = "N", defaultValue = "1024", description = "Most tokens per answer (default: ${DEFAULT-VALUE}).")
    int maxTokens;

    @Option(names = "--stats", description = "After each answer, print its speed on standard error.")
    boolean stats;

    @Mixin
    SamplingOptions sampling = new SamplingOptions();

    @Mixin
    LlmCommand.RuntimeOptions runtime = new LlmCommand.RuntimeOptions();

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean interactive = System.console() != null;
        AtomicBoolean generating = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        try (LanguageModel m = LlmCommand.open(model); Parallel pool = runtime.pool();
             Session session = m.newSession(runtime.contextLength, runtime.batch, pool)) {
            Chat chat = new Chat(m, session, sampling.settings(), system);
            installInterrupt(generating, stop);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                if (interactive) {
                    out.print("> ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit")) {
                    break;
                }
                if (line.strip().equals("/reset")) {
                    chat.reset();
                    out.println("(new conversation)");
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                stop.set(false);
                generating.set(true);
                try {
                    Chat.Reply reply = chat.send(line, maxTokens, piece -> {
                        out.print(piece);
                        out.flush();
                    }, stop::get);
                    out.println();
                    if (reply.generation().stop() == Generator.Stop.CANCELLED) {
                        out.println("(stopped)");
                    } else if (reply.generation().stop() == Generator.Stop.CONTEXT_FULL) {
                        out.println("(the context is full: /reset to start a new conversation)");
                    }
                    if (stats) {
                        Generator.Result r = reply.generation();
                        System.err.printf(Locale.ROOT, "[%d prompt tokens, %.1f tokens/s; %d answer tokens, %.1f tokens/s]%n",
                                r.promptTokens(), r.promptTokensPerSecond(), r.tokens().length, r.generateTokensPerSecond());
                    }
                } catch (ContextFullException e) {
                    out.println();
                    out.println("(" + e.getMessage() + "; /reset starts a new conversation)");
                } finally {
                    generating.set(false);
                }
            }
        }
        return 0;
    }

    /** Ctrl-C while answering stops the answer; otherwise it quits as usual. */
    @SuppressWarnings("removal")
    private static void installInterrupt(AtomicBoolean generating, AtomicBoolean stop) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
                if (generating.get()) {
                    stop.set(true);
                } else {
                    System.exit(130);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // No SIGINT here (e.g. some embedded JVMs): Ctrl-C keeps its default meaning.
        }
    }
}
