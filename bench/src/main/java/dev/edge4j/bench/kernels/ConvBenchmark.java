package dev.edge4j.bench.kernels;

import dev.edge4j.core.Parallel;
import dev.edge4j.kernels.Activation;
import dev.edge4j.kernels.Blocked;
import dev.edge4j.kernels.BlockedConv;
import dev.edge4j.kernels.BlockedDepthwise;
import dev.edge4j.kernels.BlockedFilter;
import dev.edge4j.kernels.Epilogue;
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
 * Convolutions of the face models in the channel-blocked layout, in GFLOP/s (score = MFLOP per
 * millisecond; a multiply-add is two): a pointwise layer (64 to 128 channels on 56 x 56), a 3x3
 * layer (32 to 32 on 60 x 80), a network's first layer reading its planar image (3 to 16, 3x3
 * stride 2 on 240 x 320) and a depthwise 3x3 layer (64 channels on 56 x 56), each with bias and
 * Relu. Compare with {@link PeakBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ConvBenchmark {
    @Param({"1", "2"})
    int threads;

    private Parallel pool;
    private final Layer pointwise = new Layer(64, 128, 56, 56, 1, 1, 0, false);
    private final Layer threeByThree = new Layer(32, 32, 60, 80, 3, 1, 1, false);
    private final Layer first = new Layer(3, 16, 240, 320, 3, 2, 1, true);
    private float[] dwIn;
    private float[] dwOut;
    private BlockedFilter dwFilter;
    private Epilogue dwEpilogue;

    /** One convolution layer with its input, output, filter and epilogue. */
    static final class Layer {
        final BlockedConv.Input input;
        final BlockedConv.Window window;
        final BlockedFilter filter;
        final Epilogue epilogue;
        final float[] in;
        final float[] out;

        Layer(int c, int m, int h, int w, int k, int s, int p, boolean planar) {
            Random r = new Random(c * 31 + m);
            int oh = (h + 2 * p - k) / s + 1;
            int ow = (w + 2 * p - k) / s + 1;
            input = planar ? BlockedConv.Input.planar(c, h, w) : BlockedConv.Input.blocked(c, h, w);
            window = new BlockedConv.Window(s, s, 1, 1, p, p, oh, ow);
            filter = BlockedFilter.pack(GemmBenchmark.random(r, m * c * k * k), 0, m, c, k, k);
            epilogue = new Epilogue(BlockedFilter.padded(GemmBenchmark.random(r, m), m), Activation.RELU, null, 0, 0);
            in = GemmBenchmark.random(r, planar ? c * h * w : Blocked.imageSize(c, h * w));
            out = new float[Blocked.imageSize(m, oh * ow)];
        }

        float[] run(Parallel pool) {
            BlockedConv.run(filter, in, 0, input, window, out, 0, epilogue, null, 0, pool);
            return out;
        }
    }

    @Setup(Level.Trial)
    public void start() {
        pool = Parallel.of(threads);
        Random r = new Random(5);
        dwIn = GemmBenchmark.random(r, Blocked.imageSize(64, 56 * 56));
        dwOut = new float[dwIn.length];
        dwFilter = BlockedFilter.pack(GemmBenchmark.random(r, 64 * 9), 0, 64, 1, 3, 3);
        dwEpilogue = new Epilogue(BlockedFilter.padded(GemmBenchmark.random(r, 64), 64), Activation.RELU, null, 0, 0);
    }

    @TearDown(Level.Trial)
    public void stop() {
        pool.close();
    }

    /** 2 x 128 x 64 x 56 x 56 flops. */
    @Benchmark
    @OperationsPerInvocation(51)
    public float[] pointwise64to128(ConvBenchmark b) {
        return pointwise.run(pool);
    }

    /** 2 x 32 x 32 x 9 x 60 x 80 flops. */
    @Benchmark
    @OperationsPerInvocation(88)
    public float[] conv3x3of32(ConvBenchmark b) {
        return threeByThree.run(pool);
    }

    /** 2 x 16 x 27 x 120 x 160 flops. */
    @Benchmark
    @OperationsPerInvocation(17)
    public float[] firstLayerPlanar(ConvBenchmark b) {
        return first.run(pool);
    }

    /** 2 x 64 x 9 x 56 x 56 flops (3.6 MFLOP: scored as 3). */
    @Benchmark
    @OperationsPerInvocation(3)
    public float[] depthwise3x3(ConvBenchmark b) {
        BlockedDepthwise.run(BlockedDepthwise.Mode.CONV, dwIn, 0, 64, 56, 56, 3, 3,
                new BlockedConv.Window(1, 1, 1, 1, 1, 1, 56, 56), dwFilter, null, null, dwOut, 0, dwEpilogue, null, 0,
                pool);
        return dwOut;
    }
}
