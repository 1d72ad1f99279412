package dev.edge4j.bench.kernels;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's float peak as the Vector API reaches it: independent fused multiply-adds on
 * registers only, no memory. The {@code gflops} counter is GFLOP/s of one thread (a
 * multiply-add is two): the ceiling the kernel benchmarks are measured against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class PeakBenchmark {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int STEPS = 1 << 16;
    /** Millions of flops per call: 12 chains x lanes x steps x 2 (the lane count is the machine's). */
    private static final double MFLOP = 12.0 * S.length() * STEPS * 2 / 1e6;

    private final float[] seed = new float[S.length()];

    /** The score to read: {@code gflops}, MFLOP per millisecond. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Flops {
        public double gflops;
    }

    @Benchmark
    public float fmaPeak(Flops counter) {
        counter.gflops += MFLOP;
        FloatVector m = FloatVector.broadcast(S, 0.999f);
        FloatVector a = FloatVector.fromArray(S, seed, 0);
        FloatVector c0 = a;
        FloatVector c1 = a.add(1f);
        FloatVector c2 = a.add(2f);
        FloatVector c3 = a.add(3f);
        FloatVector c4 = a.add(4f);
        FloatVector c5 = a.add(5f);
        FloatVector c6 = a.add(6f);
        FloatVector c7 = a.add(7f);
        FloatVector c8 = a.add(8f);
        FloatVector c9 = a.add(9f);
        FloatVector c10 = a.add(10f);
        FloatVector c11 = a.add(11f);
        for (int i = 0; i < STEPS; i++) {
            c0 = c0.fma(m, a);
            c1 = c1.fma(m, a);
            c2 = c2.fma(m, a);
            c3 = c3.fma(m, a);
            c4 = c4.fma(m, a);
            c5 = c5.fma(m, a);
            c6 = c6.fma(m, a);
            c7 = c7.fma(m, a);
            c8 = c8.fma(m, a);
            c9 = c9.fma(m, a);
            c10 = c10.fma(m, a);
            c11 = c11.fma(m, a);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
