package dev.edge4j.bench.compare;

import java.util.List;

/**
 * Times several engines in one process, taking turns, so that whatever else the machine is doing
 * falls on all of them alike. Each turn is a short burst of runs whose first one is not timed:
 * engines keep their worker threads spinning for a while after a run (waking a parked thread is
 * slow), and on a machine with as many cores as threads, the threads the previous engine left
 * spinning would otherwise take the cores from the first timed run. The order rotates every
 * round, so no engine always follows the same other one.
 */
public final class Alternation {
    private Alternation() {}

    /** Called after every timed round, for a progress bar. */
    @FunctionalInterface
    public interface RoundListener {
        void roundDone(int round);
    }

    /** Per engine, in the order given: the wall time of every timed run in milliseconds. */
    public record Result(List<Engine> engines, double[][] millis) {
        public Stats stats(int engine) {
            return Stats.of(millis[engine]);
        }

        /** Per round, engine {@code a}'s time over engine {@code b}'s. */
        public Stats pairedRatio(int a, int b) {
            double[] r = new double[millis[a].length];
            for (int i = 0; i < r.length; i++) {
                r[i] = millis[a][i] / millis[b][i];
            }
            return Stats.of(r);
        }
    }

    /** Untimed runs open each turn for at least this long (ONNX Runtime's idle threads spin for tens of ms). */
    static final long LEAD_IN_NANOS = Long.getLong("edge4j.bench.leadInMillis", 100) * 1_000_000L;

    /** Timed runs in one engine's turn. */
    static final int RUNS_PER_TURN = 5;

    public static Result run(List<Engine> engines, int warmup, int runs, RoundListener listener) {
        int n = engines.size();
        for (int w = 0; w < warmup; w++) {
            for (int e = 0; e < n; e++) {
                engines.get((e + w) % n).run();
            }
        }
        double[][] millis = new double[n][runs];
        int done = 0;
        for (int round = 0; done < runs; round++) {
            int count = Math.min(RUNS_PER_TURN, runs - done);
            for (int k = 0; k < n; k++) {
                int e = (k + round) % n;
                Engine engine = engines.get(e);
                leadIn(engine);
                for (int i = 0; i < count; i++) {
                    long start = System.nanoTime();
                    engine.run();
                    millis[e][done + i] = (System.nanoTime() - start) / 1e6;
                }
            }
            done += count;
            listener.roundDone(done - 1);
        }
        return new Result(engines, millis);
    }

    private static void leadIn(Engine engine) {
        long start = System.nanoTime();
        do {
            engine.run();
        } while (System.nanoTime() - start < LEAD_IN_NANOS);
    }
}
