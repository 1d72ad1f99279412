package dev.edge4j.llm;

import dev.edge4j.llm.model.ContextFullException;
import dev.edge4j.llm.model.Session;
import dev.edge4j.llm.sample.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * The generation loop: reads a prompt into a session, then samples one token at a time until an
 * end token, the token limit, the end of the context, or a stop request.
 */
public final class Generator {
    private Generator() {}

    /** Why generation ended. */
    public enum Stop {
        /** The model produced an end token (not included in the output). */
        END_TOKEN,
        /** The requested number of tokens was reached. */
        LIMIT,
        /** The context is full: no room for another token. */
        CONTEXT_FULL,
        /** The caller asked to stop (e.g. Ctrl-C). */
        CANCELLED
    }

    /**
     * What a generation produced, and how long it took.
     *
     * @param promptNanos time to read the prompt (including the first token's logits)
     * @param generateNanos time to produce the output tokens after the first
     */
    public record Result(int[] tokens, Stop stop, int promptTokens, long promptNanos, long generateNanos) {
        public double promptTokensPerSecond() {
            return promptTokens / (promptNanos / 1e9);
        }

        /** Tokens per second of generation, the first token excluded (it comes with the prompt). */
        public double generateTokensPerSecond() {
            return tokens.length <= 1 ? 0 : (tokens.length - 1) / (generateNanos / 1e9);
        }
    }

    /**
     * Appends {@code prompt} to the session and generates up to {@code maxTokens} tokens, handing
     * each to {@code onToken} as soon as it is chosen.
     *
     * @throws ContextFullException if the prompt itself does not fit in what is left of the context
     */
    public static Result generate(Session session, int[] prompt, int maxTokens, Sampler sampler, Set<Integer> endTokens,
                                  IntConsumer onToken, BooleanSupplier cancelled) {
        for (int t : prompt) {
            sampler.accept(t);
        }
        long start = System.nanoTime();
        float[] logits = session.evaluate(prompt);
        long promptDone = System.nanoTime();
        List<Integer> out = new ArrayList<>();
        int[] single = new int[1];
        Stop stop = Stop.LIMIT;
        while (out.size() < maxTokens) {
            if (cancelled.getAsBoolean()) {
                stop = Stop.CANCELLED;
                break;
            }
            int next = sampler.sample(logits);
            if (endTokens.contains(next)) {
                stop = Stop.END_TOKEN;
                break;
            }
            out.add(next);
            sampler.accept(next);
            onToken.accept(next);
            if (out.size() == maxTokens) {
                break;
            }
            if (session.position() >= session.contextLength()) {
                stop = Stop.CONTEXT_FULL;
                break;
            }
            single[0] = next;
            session.evaluate(single, logits);
        }
        long end = System.nanoTime();
        int[] tokens = out.stream().mapToInt(Integer::intValue).toArray();
        return new Result(tokens, stop, prompt.length, promptDone - start, end - promptDone);
    }
}
