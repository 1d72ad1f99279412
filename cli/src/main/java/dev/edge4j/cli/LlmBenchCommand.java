package dev.edge4j.cli;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.LayerWeights;
import dev.edge4j.llm.model.Session;
import dev.edge4j.llm.tensor.WeightMatrix;
import dev.edge4j.llm.tensor.WeightMemory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j llm bench}: prompt and generation speed, measured as llama-bench measures them. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Measures tokens per second as llama-bench does: reading a prompt of -p random tokens in one batch (pp),",
            "and generating -n tokens one at a time from an empty context (tg). Prints pp<P>_tps=X and tg<N>_tps=Y",
            "(medians over the repetitions), their spread, and the weight bytes one generated token reads."})
final class LlmBenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "The GGUF model file.")
    Path model;

    @Option(names = {"-p", "--prompt-tokens"}, paramLabel = "P", defaultValue = "512", description = "Prompt length (default: ${DEFAULT-VALUE}; 0 skips).")
    int prompt;

    @Option(names = {"-n", "--gen-tokens"}, paramLabel = "N", defaultValue = "128", description = "Tokens to generate (default: ${DEFAULT-VALUE}; 0 skips).")
    int generate;

    @Option(names = {"-t", "--threads"}, paramLabel = "T", description = "Threads (default: physical cores).")
    Integer threads;

    @Option(names = {"-r", "--repetitions"}, paramLabel = "R", defaultValue = "5", description = "Measured runs of each test (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--warmup", paramLabel = "W", defaultValue = "1", description = "Unmeasured runs first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Override
    public Integer call() {
        if (prompt < 0 || generate < 0 || repetitions < 1 || warmup < 0) {
            throw new InvalidInputException("-p and -n must be 0 or more, -r at least 1, --warmup 0 or more");
        }
        int n = threads != null ? threads : Parallel.physicalCores();
        if (n < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + n);
        }
        try (LanguageModel m = LlmCommand.open(model); Parallel pool = Parallel.of(n)) {
            SplittableRandom random = new SplittableRandom(1234);
            int vocab = m.vocabSize();
            Session pp = prompt > 0 ? m.newSession(prompt, prompt, pool) : null;
            Session tg = generate > 0 ? m.newSession(generate + 1, 1, pool) : null;
            double[] ppRates = new double[repetitions];
            double[] tgRates = new double[repetitions];
            try (Progress progress = Progress.items("bench", (long) (warmup + repetitions) * ((pp != null ? 1 : 0) + (tg != null ? 1 : 0)))) {
                // Each test runs all its repetitions before the next starts, as llama-bench does.
                for (int rep = -warmup; rep < repetitions && pp != null; rep++) {
                    int[] tokens = random.ints(prompt, 0, vocab).toArray();
                    pp.reset();
                    long t0 = System.nanoTime();
                    pp.evaluate(tokens);
                    double rate = prompt / ((System.nanoTime() - t0) / 1e9);
                    if (rep >= 0) {
                        ppRates[rep] = rate;
                    }
                    progress.add(1);
                }
                for (int rep = -warmup; rep < repetitions && tg != null; rep++) {
                    tg.reset();
                    int[] token = {random.nextInt(vocab)};
                    float[] logits = new float[vocab];
                    long t0 = System.nanoTime();
                    for (int i = 0; i < generate; i++) {
                        tg.evaluate(token, logits);
                        token[0] = random.nextInt(vocab);
                    }
                    double rate = generate / ((System.nanoTime() - t0) / 1e9);
                    if (rep >= 0) {
                        tgRates[rep] = rate;
                    }
                    progress.add(1);
                }
            }
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "model=%s threads=%d repetitions=%d%n", model.getFileName(), n, repetitions));
            if (pp != null) {
                line(out, "pp" + prompt, ppRates);
            }
            if (tg != null) {
                line(out, "tg" + generate, tgRates);
                long bytes = weightBytesPerToken(m);
                out.append(String.format(Locale.ROOT, "weights_per_token_bytes=%d%n", bytes));
                out.append(String.format(Locale.ROOT, "tg%d_weight_gbps=%.2f%n", generate, bytes * median(tgRates) / 1e9));
            }
            long kv = (pp != null ? m.kvCacheBytes(prompt) : 0) + (tg != null ? m.kvCacheBytes(generate + 1) : 0);
            out.append(String.format(Locale.ROOT, "model_file_bytes=%d%nkv_cache_bytes=%d%n", m.file().fileSize(), kv));
            out.append(String.format(Locale.ROOT, "huge_page_bytes=%d%n", WeightMemory.handedOut()));
            long rss = residentBytes();
            if (rss > 0) {
                out.append(String.format(Locale.ROOT, "rss_bytes=%d%n", rss));
            }
            System.out.print(out);
            if (pp != null) {
                pp.close();
            }
            if (tg != null) {
                tg.close();
            }
        }
        return 0;
    }

    private static void line(StringBuilder out, String name, double[] rates) {
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        out.append(String.format(Locale.ROOT, "%s_tps=%.2f%n", name, median(rates)));
        out.append(String.format(Locale.ROOT, "%s_tps_min=%.2f%n%s_tps_max=%.2f%n", name, sorted[0], name, sorted[sorted.length - 1]));
    }

    /** This process's resident memory (VmRSS), or -1 where /proc is not there. */
    static long residentBytes() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not Linux: no figure to print.
        }
        return -1;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int k = s.length / 2;
        return s.length % 2 == 1 ? s[k] : (s[k - 1] + s[k]) / 2;
    }

    /** Bytes of weights one generated token reads: every layer matrix and the output projection. */
    static long weightBytesPerToken(LanguageModel m) {
        long bytes = m.weights().output().byteSize();
        for (LayerWeights l : m.weights().layers()) {
            for (WeightMatrix w : new WeightMatrix[] {l.wq(), l.wk(), l.wv(), l.wo(), l.gate(), l.up(), l.down()}) {
                bytes += w.byteSize();
            }
        }
        return bytes;
    }
}
