package dev.edge4j.bench.kernels;

import dev.edge4j.core.Parallel;
import dev.edge4j.kernels.Epilogue;
import dev.edge4j.kernels.Gemm;
import dev.edge4j.kernels.PackedColumns;
import dev.edge4j.kernels.PackedGemm;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Float matrix products in GFLOP/s (score = MFLOP per millisecond): the square 1024^3 product
 * the machine's ceiling was measured on (about 86 GFLOP/s one thread, 165 two), and the dense
 * layers of MiniLM at 128 tokens (128 x 384 x 1536 and back). {@code packed} is the kernel of
 * layers with constant weights, packed once; {@code sgemm} packs both operands every call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {
    @Param({"1", "2"})
    int threads;

    private Parallel pool;

    @State(Scope.Benchmark)
    public static class Square {
        final int n = 1024;
        float[] a;
        float[] b;
        float[] c;
        PackedColumns packed;

        @Setup(Level.Trial)
        public void setup() {
            Random r = new Random(1);
            a = random(r, n * n);
            b = random(r, n * n);
            c = new float[n * n];
            packed = PackedColumns.pack(b, 0, n, n, n, false);
        }
    }

    @State(Scope.Benchmark)
    public static class MiniLm {
        final int m = 128;
        final int k = 384;
        final int n = 1536;
        float[] x;
        float[] h;
        float[] up;
        float[] down;
        PackedColumns w1;
        PackedColumns w2;

        @Setup(Level.Trial)
        public void setup() {
            Random r = new Random(2);
            x = random(r, m * k);
            h = new float[m * n];
            down = new float[m * k];
            w1 = PackedColumns.pack(random(r, k * n), 0, n, k, n, false);
            w2 = PackedColumns.pack(random(r, n * k), 0, k, n, k, false);
            up = h;
        }
    }

    static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextFloat() - 0.5f;
        }
        return v;
    }

    @Setup(Level.Trial)
    public void start() {
        pool = Parallel.of(threads);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.close();
    }

    @Benchmark
    @OperationsPerInvocation(2147)
    public float[] packed1024(Square s) {
        PackedGemm.run(s.n, s.a, 0, s.n, s.packed, s.c, 0, s.n, Epilogue.NONE, null, 0, s.n, pool);
        return s.c;
    }

    @Benchmark
    @OperationsPerInvocation(2147)
    public float[] sgemm1024(Square s) {
        Gemm.sgemm(false, false, s.n, s.n, s.n, 1f, s.a, 0, s.n, s.b, 0, s.n, 0f, s.c, 0, s.n, pool);
        return s.c;
    }

    /** Both dense layers of one MiniLM feed-forward block: 2 x 128 x 384 x 1536 x 2 flops. */
    @Benchmark
    @OperationsPerInvocation(302)
    public float[] miniLmFeedForward(MiniLm s) {
        PackedGemm.run(s.m, s.x, 0, s.k, s.w1, s.up, 0, s.n, Epilogue.NONE, null, 0, s.n, pool);
        PackedGemm.run(s.m, s.up, 0, s.n, s.w2, s.down, 0, s.k, Epilogue.NONE, null, 0, s.k, pool);
        return s.down;
    }
}
