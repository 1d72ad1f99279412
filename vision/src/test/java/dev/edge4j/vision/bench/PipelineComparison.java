package dev.edge4j.vision.bench;

import dev.edge4j.vision.FaceBenchmark;
import dev.edge4j.vision.face.FaceModels;
import dev.edge4j.vision.face.FacePipeline;
import dev.edge4j.vision.runtime.Engines;
import dev.edge4j.vision.runtime.FloatTensor;
import dev.edge4j.vision.runtime.ModelLoader;
import dev.edge4j.vision.runtime.ModelRunner;
import dev.edge4j.vision.testing.FaceTestModels;
import dev.edge4j.vision.testing.OrtRunner;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The face benchmark on Edge4j's engine and on ONNX Runtime in one process, taking turns (so both
 * see the same machine load), with the same threads. Each turn is a few timed frames opened by
 * 100 ms of untimed ones: ONNX Runtime's idle threads spin for tens of milliseconds after a run
 * and would otherwise take the cores from the engine whose turn it is. Prints medians, spread,
 * the ratio, and the time per model. Run with the test class path:
 * {@code java --add-modules jdk.incubator.vector -cp ... dev.edge4j.vision.bench.PipelineComparison [threads] [frames]}.
 */
public final class PipelineComparison {
    private PipelineComparison() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        OrtRunner.useSharedThreads(threads);
        FaceBenchmark bench = new FaceBenchmark(FaceTestModels.sample(3), 1189, 356, 440);
        Map<String, long[]> oursPerModel = new TreeMap<>();
        Map<String, long[]> ortPerModel = new TreeMap<>();
        ModelLoader edge = Engines.loader("edge4j", threads);
        try (FacePipeline ours = FaceModels.open(timed(edge, oursPerModel), FaceTestModels.files(), FaceModels.Settings.DEFAULT);
                FacePipeline ort = FaceModels.open(timed(m -> new OrtRunner(m, threads), ortPerModel),
                        FaceTestModels.files(), FaceModels.Settings.DEFAULT)) {
            for (int i = 0; i < 20; i++) {
                bench.once(ours);
                bench.once(ort);
            }
            oursPerModel.values().forEach(v -> v[0] = v[1] = 0);
            ortPerModel.values().forEach(v -> v[0] = v[1] = 0);
            double[] a = new double[frames];
            double[] b = new double[frames];
            double[] outsideModels = new double[frames];
            for (int done = 0, round = 0; done < frames; round++) {
                int count = Math.min(FRAMES_PER_TURN, frames - done);
                for (int turn = 0; turn < 2; turn++) {
                    boolean oursNow = (turn + round) % 2 == 0;
                    FacePipeline p = oursNow ? ours : ort;
                    leadIn(bench, p);
                    for (int i = done; i < done + count; i++) {
                        if (oursNow) {
                            long modelsBefore = total(oursPerModel);
                            a[i] = time(bench, ours);
                            outsideModels[i] = a[i] - (total(oursPerModel) - modelsBefore) / 1e6;
                        } else {
                            b[i] = time(bench, ort);
                        }
                    }
                }
                done += count;
            }
            double ma = FaceBenchmark.median(a);
            double mb = FaceBenchmark.median(b);
            System.out.printf(Locale.ROOT, "threads=%d frames=%d (640x480, one face, 5000-row gallery)%n", threads, frames);
            System.out.printf(Locale.ROOT, "edge4j      median_ms=%.2f  %s%n", ma, FaceBenchmark.spread(a));
            System.out.printf(Locale.ROOT, "onnxruntime median_ms=%.2f  %s%n", mb, FaceBenchmark.spread(b));
            System.out.printf(Locale.ROOT, "ratio=%.2f (edge4j / onnxruntime)%n", ma / mb);
            System.out.printf(Locale.ROOT, "outside the models (edge4j): median %.2f ms per frame%n",
                    FaceBenchmark.median(outsideModels));
            System.out.println("mean ms per model run (edge4j / onnxruntime):");
            for (String name : oursPerModel.keySet()) {
                long[] o = oursPerModel.get(name);
                long[] r = ortPerModel.get(name);
                System.out.printf(Locale.ROOT, "  %-48s %7.2f / %7.2f%n", name, o[0] / 1e6 / Math.max(1, o[1]), r[0] / 1e6 / Math.max(1, r[1]));
            }
        }
    }

    private static final int FRAMES_PER_TURN = 5;

    private static void leadIn(FaceBenchmark bench, FacePipeline p) {
        long start = System.nanoTime();
        do {
            bench.once(p);
        } while (System.nanoTime() - start < 100_000_000L);
    }

    private static long total(Map<String, long[]> perModel) {
        long t = 0;
        for (long[] v : perModel.values()) {
            t += v[0];
        }
        return t;
    }

    private static double time(FaceBenchmark bench, FacePipeline p) {
        long t0 = System.nanoTime();
        bench.once(p);
        return (System.nanoTime() - t0) / 1e6;
    }

    /** Wraps a loader so each model's run time is summed under its file name. */
    private static ModelLoader timed(ModelLoader inner, Map<String, long[]> totals) {
        return file -> {
            ModelRunner r = inner.load(file);
            long[] slot = totals.computeIfAbsent(file.getFileName().toString(), k -> new long[2]);
            return new ModelRunner() {
                @Override
                public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
                    long t0 = System.nanoTime();
                    try {
                        return r.run(inputs);
                    } finally {
                        slot[0] += System.nanoTime() - t0;
                        slot[1]++;
                    }
                }

                @Override
                public void close() {
                    r.close();
                }
            };
        };
    }
}
