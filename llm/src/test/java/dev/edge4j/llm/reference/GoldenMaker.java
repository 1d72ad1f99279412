package dev.edge4j.llm.reference;

import dev.edge4j.core.Parallel;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.gguf.GgufTensorInfo;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.Session;
import dev.edge4j.llm.quant.QuantScheme;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes the golden logits the reference tests compare with: for every {@link GoldenCase}, writes
 * the random model, evaluates the prompt with llama.cpp (F32 KV cache, no flash attention,
 * logits at every position) and stores the reduced result. Along the way it compares Edge4j with
 * llama.cpp on the full logit vectors and, for quantized models, Edge4j's quantizer with
 * llama-quantize, and prints both.
 *
 * <p>Usage: {@code GoldenMaker LLAMA_CPP_BIN_DIR OUTPUT_DIR [CASE_NAME_FILTER]}; the directory holds
 * libllama.so and llama-quantize of a llama.cpp build.
 */
public final class GoldenMaker {
    static final int F32_SAMPLES = 1024;
    static final int QUANT_SAMPLES = 64;
    static final int TOP_F32 = 20;
    static final int TOP_QUANT = 5;

    public static void main(String[] args) throws Throwable {
        Path bin = Path.of(args[0]);
        Path outDir = Path.of(args[1]);
        String filter = args.length > 2 ? args[2] : "";
        Files.createDirectories(outDir);
        Path work = Files.createTempDirectory("golden");
        try (LlamaCpp llama = new LlamaCpp(bin); Parallel pool = Parallel.of(2)) {
            System.out.printf(Locale.ROOT, "%-24s %10s %12s %8s %8s %8s %s%n", "case", "min cos", "max|d|/rng",
                    "top20", "top5", "greedy", "quantizer vs llama-quantize");
            for (GoldenCase c : GoldenCase.all()) {
                if (!c.name().contains(filter)) {
                    continue;
                }
                Path model = work.resolve(c.name() + ".gguf");
                c.writeModel(model, pool);
                int[] prompt = c.prompt();
                int vocab;
                try (GgufFile g = GgufFile.open(model)) {
                    vocab = g.metadata().getStringList("tokenizer.ggml.tokens").size();
                }
                boolean f32 = c.scheme() == QuantScheme.F32;
                float[][] ref;
                int[] continuation = new int[0];
                try (LlamaCpp.Model m = llama.new Model(model, vocab, 128, 2)) {
                    ref = m.evaluate(prompt);
                    if (f32) {
                        continuation = new int[GoldenCase.CONTINUATION];
                        float[] last = ref[ref.length - 1];
                        for (int i = 0; i < continuation.length; i++) {
                            continuation[i] = argmax(last);
                            last = m.evaluate(new int[] {continuation[i]})[0];
                        }
                    }
                }
                String[] quant = f32 ? new String[] {"", ""} : compareQuantizer(bin, c, work, model, pool);
                GoldenLogits golden = reduce(c, vocab, prompt, ref, continuation, quant[1]);
                try (OutputStream out = Files.newOutputStream(outDir.resolve(c.name() + ".bin.gz"))) {
                    golden.write(out);
                }
                String report = compare(model, prompt, ref, continuation, pool);
                System.out.printf(Locale.ROOT, "%-24s %s %s%n", c.name(), report, quant[0]);
                Files.deleteIfExists(model);
            }
        }
    }

    static GoldenLogits reduce(GoldenCase c, int vocab, int[] prompt, float[][] ref, int[] continuation, String hash) {
        boolean f32 = c.scheme() == QuantScheme.F32;
        int samples = f32 ? F32_SAMPLES : QUANT_SAMPLES;
        SplittableRandom random = new SplittableRandom(c.seed() ^ 0xA11CEL);
        Set<Integer> ids = new LinkedHashSet<>();
        while (ids.size() < Math.min(samples, vocab)) {
            ids.add(random.nextInt(vocab));
        }
        int[] sampleIds = ids.stream().mapToInt(Integer::intValue).toArray();
        int[] positions;
        if (f32) {
            positions = new int[] {prompt.length - 1};
        } else {
            positions = new int[prompt.length];
            Arrays.setAll(positions, i -> i);
        }
        float[][] sampled = new float[positions.length][sampleIds.length];
        for (int p = 0; p < positions.length; p++) {
            for (int i = 0; i < sampleIds.length; i++) {
                sampled[p][i] = ref[positions[p]][sampleIds[i]];
            }
        }
        float[] last = ref[ref.length - 1];
        int[] top = topK(last, f32 ? TOP_F32 : TOP_QUANT);
        float[] topLogits = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            topLogits[i] = last[top[i]];
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : last) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new GoldenLogits(vocab, prompt, sampleIds, positions, sampled, top, topLogits, min, max, continuation, hash);
    }

    /** Edge4j against llama.cpp on the full vectors: the bars of the reference comparison. */
    static String compare(Path model, int[] prompt, float[][] ref, int[] continuation, Parallel pool) {
        try (LanguageModel m = LanguageModel.open(model); Session s = m.newSession(128, 64, pool)) {
            float[] all = s.evaluateAll(prompt);
            int vocab = m.vocabSize();
            double minCos = 1;
            for (int p = 0; p < prompt.length; p++) {
                minCos = Math.min(minCos, cosine(Arrays.copyOfRange(all, p * vocab, (p + 1) * vocab), ref[p]));
            }
            float[] ours = Arrays.copyOfRange(all, (prompt.length - 1) * vocab, prompt.length * vocab);
            float[] theirs = ref[prompt.length - 1];
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            double maxDiff = 0;
            for (int i = 0; i < vocab; i++) {
                min = Math.min(min, theirs[i]);
                max = Math.max(max, theirs[i]);
                maxDiff = Math.max(maxDiff, Math.abs(ours[i] - theirs[i]));
            }
            boolean top20 = Arrays.equals(topK(ours, 20), topK(theirs, 20));
            boolean top5 = sorted(topK(ours, 5)).equals(sorted(topK(theirs, 5)));
            String greedy = "-";
            if (continuation.length > 0) {
                int[] mine = new int[continuation.length];
                float[] last = ours;
                for (int i = 0; i < mine.length; i++) {
                    mine[i] = argmax(last);
                    last = s.evaluate(new int[] {mine[i]});
                }
                greedy = Arrays.equals(mine, continuation) ? "same" : "DIFFERS";
            }
            return String.format(Locale.ROOT, "%10.6f %12.2e %8s %8s %8s", minCos, maxDiff / (max - min),
                    top20 ? "same" : "differs", top5 ? "same" : "DIFFERS", greedy);
        }
    }

    /**
     * Quantizes the case's F32 model with llama-quantize and counts tensors whose bytes equal ours;
     * returns that report and the sha256 of llama-quantize's tensors.
     */
    static String[] compareQuantizer(Path bin, GoldenCase c, Path work, Path ours, Parallel pool) throws Exception {
        Path f32 = work.resolve(c.name() + "-f32.gguf");
        new GoldenCase(c.arch(), c.size(), QuantScheme.F32).writeModel(f32, pool);
        Path theirs = work.resolve(c.name() + "-llama-quantize.gguf");
        Process p = new ProcessBuilder(bin.resolve("llama-quantize").toString(), f32.toString(), theirs.toString(),
                c.scheme().name()).redirectErrorStream(true).redirectOutput(work.resolve("quantize.log").toFile()).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("llama-quantize failed, see " + work.resolve("quantize.log"));
        }
        int same = 0;
        int total = 0;
        StringBuilder differing = new StringBuilder();
        String hash;
        try (GgufFile a = GgufFile.open(ours); GgufFile b = GgufFile.open(theirs)) {
            hash = GoldenLogits.tensorsSha256(b);
            for (GgufTensorInfo t : a.tensors()) {
                GgufTensorInfo u = b.tensor(t.name());
                total++;
                if (t.type() == u.type() && a.data(t).mismatch(b.data(u)) == -1) {
                    same++;
                } else {
                    differing.append(' ').append(t.name()).append('(').append(t.type()).append('/').append(u.type()).append(')');
                }
            }
        } finally {
            Files.deleteIfExists(f32);
            Files.deleteIfExists(theirs);
        }
        return new String[] {same + "/" + total + " tensors identical" + differing, hash};
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static int argmax(float[] x) {
        int best = 0;
        for (int i = 1; i < x.length; i++) {
            if (x[i] > x[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Ids of the k largest values, largest first. */
    static int[] topK(float[] x, int k) {
        Integer[] idx = new Integer[x.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (i, j) -> Float.compare(x[j], x[i]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    static List<Integer> sorted(int[] a) {
        return Arrays.stream(a).sorted().boxed().toList();
    }
}
