package dev.edge4j.onnx.passes;

import static dev.edge4j.onnx.testing.ModelBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OnnxModel;
import dev.edge4j.onnx.OnnxOptions;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.testing.ModelBuilder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fusion and layout passes on small models written the way exporters write them: the
 * optimized graph holds the fused nodes, and gives the unoptimized graph's outputs.
 */
class FusionTest {
    private static Parallel pool;
    private final Random rnd = new Random(7);

    @BeforeAll
    static void start() {
        pool = Parallel.of(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private Tensor random(float scale, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rnd.nextFloat() * 2 - 1) * scale;
        }
        return Tensor.of(v, dims);
    }

    /** Runs both graphs on the feeds; returns the optimized graph's operators. */
    private Set<String> compare(byte[] model, Map<String, Tensor> feeds, double tol) {
        try (OnnxModel opt = OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool));
                OnnxModel raw = OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool).withOptimize(false))) {
            Map<String, Tensor> a = opt.run(feeds);
            Map<String, Tensor> b = raw.run(feeds);
            for (String k : b.keySet()) {
                float[] x = a.get(k).floats();
                float[] y = b.get(k).floats();
                assertThat(a.get(k).shape()).isEqualTo(b.get(k).shape());
                for (int i = 0; i < y.length; i++) {
                    assertThat((double) Math.abs(x[i] - y[i])).as("%s[%d]: %s vs %s", k, i, x[i], y[i])
                            .isLessThanOrEqualTo(tol * Math.max(1, Math.abs(y[i])));
                }
            }
            Set<String> ops = new TreeSet<>();
            for (Node n : opt.graph().nodes()) {
                ops.add(n.opType());
            }
            return ops;
        }
    }

    @Test
    void convolutionChainsRunFusedAndBlocked() {
        int c = 5;
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 1, 3, 17, 19).output("y", DType.FLOAT32)
                .initializer("w0", random(0.5f, c, 3, 3, 3)).initializer("b0", random(0.1f, c))
                .initializer("scale", random(1f, c)).initializer("shift", random(0.5f, c))
                .initializer("mean", random(0.2f, c)).initializer("var", Tensor.of(new float[] {1, 2, 0.5f, 1.5f, 3}, c))
                .initializer("wd", random(0.5f, c, 1, 3, 3)).initializer("wp", random(0.5f, c, c, 1, 1))
                .initializer("slope", random(0.3f, c, 1, 1)).initializer("pad", Tensor.zeros(DType.FLOAT32, 1, 3, 5, 5))
                .initializer("w3", random(0.3f, 4, c + 3, 1, 1))
                .node("Conv", List.of("x", "w0", "b0"), List.of("c0"), attr("pads", 1, 1, 1, 1), attr("strides", 2, 2))
                .node("BatchNormalization", List.of("c0", "scale", "shift", "mean", "var"), List.of("bn"))
                .node("Relu", List.of("bn"), List.of("r0"))
                .node("Conv", List.of("r0", "wd"), List.of("d"), attr("group", c), attr("pads", 1, 1, 1, 1))
                .node("Conv", List.of("d", "wp"), List.of("p"))
                .node("Add", List.of("p", "r0"), List.of("s"))
                .node("PRelu", List.of("s", "slope"), List.of("a"))
                .node("MaxPool", List.of("a"), List.of("m"), attr("kernel_shape", 2, 2), attr("strides", 2, 2),
                        attr("pads", 0, 0, 1, 1))
                .node("Concat", List.of("m", "pad"), List.of("cat"), attr("axis", 1))
                .node("Conv", List.of("cat", "w3"), List.of("c3"))
                .node("Transpose", List.of("c3"), List.of("y"), attr("perm", 0, 2, 3, 1)).bytes();
        Set<String> ops = compare(model, Map.of("x", random(1f, 1, 3, 17, 19)), 1e-4);
        assertThat(ops).contains("BlockedConv", "BlockedPool", "BlockedConcat", "FromBlocked")
                .doesNotContain("BatchNormalization", "Relu", "Add", "PRelu", "Transpose");
    }

    @Test
    void productsByConstantFactorsFoldIntoConvolutions() {
        int c = 6;
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 1, 3, 9, 11).output("y", DType.FLOAT32)
                .initializer("w0", random(0.5f, c, 3, 3, 3)).initializer("b0", random(0.1f, c))
                .initializer("perChannel", random(2f, c, 1, 1)).initializer("w1", random(0.5f, c, c, 1, 1))
                .initializer("one", Tensor.of(new float[] {-1.5f})).initializer("w2", random(0.5f, c, c, 1, 1))
                .initializer("rows", random(2f, 9, 1))
                .node("Conv", List.of("x", "w0", "b0"), List.of("c0"), attr("pads", 1, 1, 1, 1))
                .node("Mul", List.of("perChannel", "c0"), List.of("m0"))
                .node("Relu", List.of("m0"), List.of("r0"))
                .node("Conv", List.of("r0", "w1"), List.of("c1"))
                .node("Mul", List.of("c1", "one"), List.of("m1"))
                .node("Add", List.of("m1", "r0"), List.of("s1"))
                // A factor per row is no factor per channel: this product stays.
                .node("Conv", List.of("s1", "w2"), List.of("c2"))
                .node("Mul", List.of("c2", "rows"), List.of("y")).bytes();
        Set<String> ops = compare(model, Map.of("x", random(1f, 1, 3, 9, 11)), 1e-4);
        assertThat(ops).contains("BlockedConv", "Mul").doesNotContain("Relu", "Add");
        try (OnnxModel opt = OnnxModel.load(model, OnnxOptions.defaults().withParallel(pool))) {
            assertThat(opt.graph().nodes().stream().filter(n -> n.opType().equals("Mul"))).hasSize(1);
        }
    }

    @Test
    void aConvolutionIntoADepthwiseOneRunsAsAPairWhenTheImageBetweenIsBig() {
        int c = 18;
        // 18 channels of 120x125 floats between the two: over a megabyte.
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 1, 3, 240, 250).output("y", DType.FLOAT32)
                .initializer("w0", random(0.5f, c, 3, 3, 3)).initializer("b0", random(0.1f, c))
                .initializer("wd", random(0.5f, c, 1, 3, 3)).initializer("bd", random(0.1f, c))
                .initializer("wp", random(0.3f, 8, c, 1, 1))
                .node("Conv", List.of("x", "w0", "b0"), List.of("c0"), attr("pads", 1, 1, 1, 1), attr("strides", 2, 2))
                .node("Relu", List.of("c0"), List.of("r0"))
                .node("Conv", List.of("r0", "wd", "bd"), List.of("d"), attr("group", c), attr("pads", 1, 1, 1, 1),
                        attr("strides", 2, 2))
                .node("LeakyRelu", List.of("d"), List.of("dc"), attr("alpha", 0.1f))
                .node("Conv", List.of("dc", "wp"), List.of("y")).bytes();
        Set<String> ops = compare(model, Map.of("x", random(1f, 1, 3, 240, 250)), 1e-4);
        assertThat(ops).contains("BlockedConvPair", "BlockedConv").doesNotContain("Relu", "LeakyRelu");

        // The same pair over a small image stays two convolutions.
        byte[] small = new ModelBuilder(13).input("x", DType.FLOAT32, 1, 3, 24, 25).output("y", DType.FLOAT32)
                .initializer("w0", random(0.5f, c, 3, 3, 3)).initializer("wd", random(0.5f, c, 1, 3, 3))
                .initializer("wp", random(0.3f, 8, c, 1, 1))
                .node("Conv", List.of("x", "w0"), List.of("c0"), attr("pads", 1, 1, 1, 1))
                .node("Conv", List.of("c0", "wd"), List.of("d"), attr("group", c), attr("pads", 1, 1, 1, 1))
                .node("Conv", List.of("d", "wp"), List.of("y")).bytes();
        ops = compare(small, Map.of("x", random(1f, 1, 3, 24, 25)), 1e-4);
        assertThat(ops).contains("BlockedConv").doesNotContain("BlockedConvPair");
    }

    @Test
    void denseLayersFuseBiasResidualGeluAndLayerNorm() {
        int d = 24;
        int f = 40;
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, "s", d).output("y", DType.FLOAT32)
                .initializer("w1", random(0.3f, d, f)).initializer("b1", random(0.1f, f))
                .initializer("w2", random(0.3f, f, d)).initializer("b2", random(0.1f, d))
                .initializer("sqrt2", Tensor.of(new float[] {(float) Math.sqrt(2)}, 1))
                .initializer("one", Tensor.of(new float[] {1}, 1)).initializer("half", Tensor.of(new float[] {0.5f}, 1))
                .initializer("two", Tensor.of(new float[] {2}, 1)).initializer("eps", Tensor.of(new float[] {1e-5f}, 1))
                .initializer("gamma", random(1f, d)).initializer("beta", random(0.5f, d))
                .node("MatMul", List.of("x", "w1"), List.of("m1"))
                .node("Add", List.of("b1", "m1"), List.of("h"))
                .node("Div", List.of("h", "sqrt2"), List.of("hd"))
                .node("Erf", List.of("hd"), List.of("he"))
                .node("Add", List.of("he", "one"), List.of("h1"))
                .node("Mul", List.of("h", "h1"), List.of("hm"))
                .node("Mul", List.of("hm", "half"), List.of("g"))
                .node("MatMul", List.of("g", "w2"), List.of("m2"))
                .node("Add", List.of("b2", "m2"), List.of("o"))
                .node("Add", List.of("o", "x"), List.of("r"))
                .node("ReduceMean", List.of("r"), List.of("mu"), attr("axes", -1))
                .node("Sub", List.of("r", "mu"), List.of("dev"))
                .node("Pow", List.of("dev", "two"), List.of("sq"))
                .node("ReduceMean", List.of("sq"), List.of("var"), attr("axes", -1))
                .node("Add", List.of("var", "eps"), List.of("ve"))
                .node("Sqrt", List.of("ve"), List.of("sd"))
                .node("Div", List.of("dev", "sd"), List.of("n"))
                .node("Mul", List.of("n", "gamma"), List.of("ng"))
                .node("Add", List.of("ng", "beta"), List.of("y")).bytes();
        Set<String> ops = compare(model, Map.of("x", random(1f, 7, d)), 1e-4);
        assertThat(ops).containsExactlyInAnyOrder("FusedMatMul", "LayerNorm");
    }

    @Test
    void dynamicallyQuantizedDenseLayersFuse() {
        int k = 33;
        int n = 20;
        byte[] q = new byte[k * n];
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) (rnd.nextInt(255) - 127);
        }
        byte[] model = new ModelBuilder(13).input("x", DType.FLOAT32, 5, k).output("y", DType.FLOAT32)
                .initializer("wq", Tensor.ofInt8(q, k, n)).initializer("wscale", random(0.02f, n))
                .initializer("wzero", Tensor.ofInt8(new byte[] {3}))
                .initializer("bias", random(0.1f, n))
                .node("DynamicQuantizeLinear", List.of("x"), List.of("xq", "xs", "xz"))
                .node("Mul", List.of("xs", "wscale"), List.of("scales"))
                .node("MatMulInteger", List.of("xq", "wq", "xz", "wzero"), List.of("acc"))
                .node("Cast", List.of("acc"), List.of("accf"), attr("to", 1))
                .node("Mul", List.of("accf", "scales"), List.of("prod"))
                .node("Add", List.of("prod", "bias"), List.of("pre"))
                .node("Relu", List.of("pre"), List.of("y")).bytes();
        Set<String> ops = compare(model, Map.of("x", random(2f, 5, k)), 1e-4);
        assertThat(ops).contains("QuantMatMul").doesNotContain("MatMulInteger", "Cast", "Relu", "Add");
    }

    @Test
    void scaledMaskedSoftmaxFuses() {
        byte[] attention = new ModelBuilder(13).input("s", DType.FLOAT32, 2, 3, 5, 7)
                .input("mask", DType.FLOAT32, 2, 1, 1, 7).output("p", DType.FLOAT32)
                .initializer("c", Tensor.of(new float[] {2.828427f}))
                .node("Div", List.of("s", "c"), List.of("scaled"))
                .node("Add", List.of("scaled", "mask"), List.of("masked"))
                .node("Softmax", List.of("masked"), List.of("p"), attr("axis", -1L)).bytes();
        Tensor mask = random(1f, 2, 1, 1, 7);
        mask.floats()[3] = -10000f;
        Set<String> ops = compare(attention, Map.of("s", random(6f, 2, 3, 5, 7), "mask", mask), 1e-6);
        assertThat(ops).containsExactly("ScaledSoftmax");

        // A product by the scale, and a mask that widens the scores.
        byte[] widening = new ModelBuilder(13).input("s", DType.FLOAT32, 5, 7)
                .input("mask", DType.FLOAT32, 2, 1, 7).output("p", DType.FLOAT32)
                .initializer("c", Tensor.of(new float[] {0.125f}))
                .node("Mul", List.of("c", "s"), List.of("scaled"))
                .node("Add", List.of("mask", "scaled"), List.of("masked"))
                .node("Softmax", List.of("masked"), List.of("p")).bytes();
        ops = compare(widening, Map.of("s", random(6f, 5, 7), "mask", random(3f, 2, 1, 7)), 1e-6);
        assertThat(ops).containsExactly("ScaledSoftmax");

        // Before opset 13 the axis splits the input into rows: the last axis is the same softmax.
        byte[] older = new ModelBuilder(11).input("s", DType.FLOAT32, 3, 4, 9)
                .input("mask", DType.FLOAT32, 9).output("p", DType.FLOAT32)
                .initializer("c", Tensor.of(new float[] {3f}))
                .node("Div", List.of("s", "c"), List.of("scaled"))
                .node("Add", List.of("scaled", "mask"), List.of("masked"))
                .node("Softmax", List.of("masked"), List.of("p"), attr("axis", 2L)).bytes();
        ops = compare(older, Map.of("s", random(6f, 3, 4, 9), "mask", random(3f, 9)), 1e-6);
        assertThat(ops).containsExactly("ScaledSoftmax");
    }
}
