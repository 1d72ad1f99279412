package dev.edge4j.bench.compare;

import java.util.List;

/**
 * Times several engines in one process, taking turns run by run, so that whatever else the
 * machine is doing falls on all of them alike. The order rotates every round, so no engine always
 * runs right after another's threads went idle.
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

    public static Result run(List<Engine> engines, int warmup, int runs, RoundListener listener) {
        int n = engines.size();
        for (int w = 0; w < warmup; w++) {
            for (int e = 0; e < n; e++) {
                engines.get((e + w) % n).run();
            }
        }
        double[][] millis = new double[n][runs];
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < n; k++) {
                int e = (k + r) % n;
                long start = System.nanoTime();
                engines.get(e).run();
                millis[e][r] = (System.nanoTime() - start) / 1e6;
            }
            listener.roundDone(r);
        }
        return new Result(engines, millis);
    }
}
