package dev.edge4j.cli;

import dev.edge4j.bench.compare.Alternation;
import dev.edge4j.bench.compare.Edge4jEngine;
import dev.edge4j.bench.compare.Engine;
import dev.edge4j.bench.compare.OnnxRuntimeEngine;
import dev.edge4j.bench.compare.ProcessMemory;
import dev.edge4j.bench.compare.Stats;
import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OnnxModel;
import dev.edge4j.onnx.OnnxOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code edge4j onnx bench}: whole-model latency, optionally side by side with ONNX Runtime. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Times whole runs of a model: median and spread after warm-up runs.",
            "Inputs come from files (--input) or are random (floats in [-1, 1), integers 0 or 1);",
            "symbolic dimensions such as 'sequence' are set with --dim (default 1).",
            "With --compare onnxruntime, ONNX Runtime runs the same inputs with the same thread count,",
            "taking turns with Edge4j run by run in this one process, and the ratio is printed.",
            "Prints `median_ms=X` (and `onnxruntime_median_ms=Y ratio=R`) as the last lines."})
final class OnnxBenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "The .onnx file.")
    Path model;

    @Option(names = "--input", paramLabel = "NAME=FILE", description = "An input value (.pb or .npy) instead of random data.")
    List<String> inputs = List.of();

    @Option(names = "--dim", paramLabel = "NAME=N", description = "The size of a symbolic dimension, e.g. sequence=128.")
    Map<String, Integer> dims = new LinkedHashMap<>();

    @Option(names = "--threads", paramLabel = "N", description = "Threads for both engines (default: physical cores).")
    Integer threads;

    @Option(names = "--warmup", paramLabel = "N", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    int warmup = 10;

    @Option(names = "--runs", paramLabel = "N", description = "Timed runs per engine (default: ${DEFAULT-VALUE}).")
    int runs = 30;

    @Option(names = "--compare", paramLabel = "ENGINE", description = "Also time another engine: onnxruntime.")
    String compare;

    @Option(names = "--no-optimize", description = "Run the graph as loaded, without optimization passes.")
    boolean noOptimize;

    @Override
    public Integer call() {
        if (runs < 1 || warmup < 0) {
            throw new InvalidInputException("--runs must be at least 1 and --warmup at least 0");
        }
        if (compare != null && !compare.equals("onnxruntime")) {
            throw new InvalidInputException("--compare knows only 'onnxruntime', not '" + compare + "'");
        }
        try (Parallel pool = OnnxCommand.pool(threads)) {
            int n = pool.threads();
            long t0 = System.nanoTime();
            OnnxModel m;
            try (Progress _ = Progress.bytes("loading " + model.getFileName(), -1)) {
                m = OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool).withOptimize(!noOptimize));
            }
            long loaded = System.nanoTime();
            Map<String, Tensor> feeds = ModelInputs.of(m, inputs, dims);
            List<Engine> engines = new ArrayList<>();
            Edge4jEngine ours = new Edge4jEngine(m, feeds);
            engines.add(ours);
            try {
                ours.run();
                long first = System.nanoTime();
                System.out.println("model: " + model);
                System.out.printf(Locale.ROOT, "threads: %d, warm-up runs: %d, timed runs: %d%s%n", n, warmup, runs,
                        compare == null ? "" : " per engine, taking turns");
                System.out.printf(Locale.ROOT, "edge4j: load %.1f ms, first run %.1f ms, time to first result %.1f ms%n",
                        ms(loaded - t0), ms(first - loaded), ms(first - t0));
                long ourPeak = m.profile(feeds, 1).peakBytes();
                long ortRunBytes = -1;
                if (compare != null) {
                    long rss = ProcessMemory.residentBytes();
                    long s0 = System.nanoTime();
                    OnnxRuntimeEngine ort;
                    try (Progress _ = Progress.bytes("loading " + model.getFileName() + " in ONNX Runtime", -1)) {
                        ort = new OnnxRuntimeEngine(model, feeds, n);
                    }
                    engines.add(ort);
                    long s1 = System.nanoTime();
                    long afterLoad = ProcessMemory.residentBytes();
                    boolean reset = ProcessMemory.resetPeak();
                    ort.run();
                    long s2 = System.nanoTime();
                    for (int i = 0; i < 2; i++) {
                        ort.run();
                    }
                    long after = reset ? ProcessMemory.peakResidentBytes() : ProcessMemory.residentBytes();
                    ortRunBytes = afterLoad < 0 || after < 0 ? -1 : Math.max(0, after - afterLoad);
                    System.out.printf(Locale.ROOT,
                            "onnxruntime: load %.1f ms, first run %.1f ms, time to first result %.1f ms (session %s resident)%n",
                            ms(s1 - s0), ms(s2 - s1), ms(s2 - s0), rss < 0 ? "?" : ModelsCommand.size(afterLoad - rss));
                    agreement(ours, ort);
                }
                Alternation.Result r;
                try (Progress p = Progress.items("timing", runs)) {
                    r = Alternation.run(engines, warmup, runs, round -> p.set(round + 1));
                }
                for (int e = 0; e < engines.size(); e++) {
                    System.out.printf(Locale.ROOT, "%-12s %s%n", engines.get(e).name(), r.stats(e).describe("ms"));
                }
                System.out.println("peak memory of a run: edge4j " + ModelsCommand.size(ourPeak) + " (tensors it computes)"
                        + (compare == null ? "" : ", onnxruntime " + (ortRunBytes < 0 ? "unknown"
                        : ModelsCommand.size(ortRunBytes) + " (growth of resident memory over its first runs)")));
                Stats mine = r.stats(0);
                if (compare != null) {
                    Stats paired = r.pairedRatio(0, 1);
                    System.out.printf(Locale.ROOT, "ratio per round: median %.3f (p10 %.3f, p90 %.3f)%n",
                            paired.median(), paired.p10(), paired.p90());
                }
                System.out.printf(Locale.ROOT, "median_ms=%.3f%n", mine.median());
                if (compare != null) {
                    Stats theirs = r.stats(1);
                    System.out.printf(Locale.ROOT, "onnxruntime_median_ms=%.3f ratio=%.3f%n", theirs.median(),
                            mine.median() / theirs.median());
                }
            } finally {
                for (Engine e : engines) {
                    e.close();
                }
            }
        }
        return 0;
    }

    /** Both engines on the same inputs: how far apart their float outputs are. */
    private static void agreement(Engine ours, Engine theirs) {
        Map<String, Tensor> a = ours.outputs();
        Map<String, Tensor> b = theirs.outputs();
        double worst = 0;
        String where = null;
        for (Map.Entry<String, Tensor> e : a.entrySet()) {
            Tensor t = b.get(e.getKey());
            if (t == null || t.size() != e.getValue().size()) {
                continue;
            }
            float[] x = e.getValue().floats();
            float[] y = t.floats();
            for (int i = 0; i < x.length; i++) {
                double d = Math.abs((double) x[i] - y[i]);
                if (d > worst || Double.isNaN(d)) {
                    worst = d;
                    where = e.getKey();
                }
            }
        }
        if (where != null) {
            System.out.printf(Locale.ROOT, "outputs: max abs difference %.3g (output '%s')%n", worst, where);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
