package dev.edge4j.onnx;

import static dev.edge4j.onnx.testing.ModelBuilder.attr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.edge4j.core.Edge4jException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.proto.Onnx.AttributeProto;
import dev.edge4j.onnx.proto.Onnx.GraphProto;
import dev.edge4j.onnx.proto.Onnx.ModelProto;
import dev.edge4j.onnx.proto.Onnx.NodeProto;
import dev.edge4j.onnx.proto.Onnx.TensorProto;
import dev.edge4j.onnx.proto.Onnx.TypeProto;
import dev.edge4j.onnx.testing.ModelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutates small models thousands of times, as bytes and as protobuf fields, then loads and runs
 * them: the only failures allowed are the engine's own typed errors, and nothing may hang.
 */
class FuzzTest {
    private static final int ROUNDS = 3000;
    private static final String[] OPS = {"Add", "Mul", "Relu", "Conv", "MatMul", "Reshape", "Transpose", "Concat",
        "Slice", "Gather", "Softmax", "Resize", "Pad", "MaxPool", "Split", "Squeeze", "Unsqueeze", "ReduceMean",
        "Cast", "Expand", "Tile", "Where", "TopK", "Flatten", "Gemm", "BatchNormalization", "Range", "NonZero"};

    static List<ModelProto> seeds() {
        Random rnd = new Random(1);
        float[] w = new float[4 * 3 * 3 * 3];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rnd.nextGaussian();
        }
        List<ModelProto> seeds = new ArrayList<>();
        seeds.add(new ModelBuilder(13).input("x", DType.FLOAT32, 1, 3, 8, 8).output("y", DType.FLOAT32)
                .initializer("w", Tensor.of(w, 4, 3, 3, 3))
                .initializer("scale", Tensor.of(new float[] {1, 1, 2, 2}, 4))
                .node("Conv", List.of("x", "w"), List.of("c"), attr("pads", 1, 1, 1, 1), attr("strides", 1, 1))
                .node("Relu", List.of("c"), List.of("r"))
                .node("MaxPool", List.of("r"), List.of("p"), attr("kernel_shape", 2, 2), attr("strides", 2, 2))
                .node("Resize", List.of("p", "", "scale"), List.of("y")).proto());
        seeds.add(new ModelBuilder(13).input("a", DType.FLOAT32, "n", 6).input("i", DType.INT64, 3).output("y", DType.FLOAT32)
                .initializer("shape", Tensor.of(new long[] {-1, 2, 3}, 3))
                .initializer("starts", Tensor.of(new long[] {0}, 1)).initializer("ends", Tensor.of(new long[] {2}, 1))
                .node("Reshape", List.of("a", "shape"), List.of("r"))
                .node("Transpose", List.of("r"), List.of("t"), attr("perm", 0, 2, 1))
                .node("Gather", List.of("t", "i"), List.of("g"), attr("axis", 1L))
                .node("Slice", List.of("g", "starts", "ends"), List.of("s"))
                .node("Softmax", List.of("s"), List.of("sm"), attr("axis", -1L))
                .node("Concat", List.of("sm", "sm"), List.of("y"), attr("axis", 0L)).proto());
        seeds.add(new ModelBuilder(13).input("x", DType.FLOAT32, 2, 4).output("y", DType.FLOAT32).output("k", DType.INT64)
                .initializer("pads", Tensor.of(new long[] {0, 1, 0, 1}, 4))
                .initializer("kk", Tensor.of(new long[] {2}, 1))
                .node("Pad", List.of("x", "pads"), List.of("p"), attr("mode", 0L))
                .node("TopK", List.of("p", "kk"), List.of("v", "k"))
                .node("ReduceMean", List.of("v"), List.of("y"), attr("axes", 1L)).proto());
        return seeds;
    }

    @Test
    void mutatedModelsFailOnlyWithTypedErrors() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        Random rnd = new Random(seed);
        List<ModelProto> seeds = seeds();
        int[] outcomes = new int[2];
        try (Parallel pool = Parallel.sequential()) {
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int round = 0; round < ROUNDS; round++) {
                    ModelProto base = seeds.get(round % seeds.size());
                    byte[] bytes = round % 2 == 0 ? mutateBytes(base.toByteArray(), rnd)
                            : mutateFields(base, rnd).toByteArray();
                    try (OnnxModel m = OnnxModel.load(bytes, OnnxOptions.defaults().withParallel(pool)
                            .withOptimize(rnd.nextBoolean()))) {
                        m.runValues(inputsFor(m, rnd));
                        outcomes[0]++;
                    } catch (Edge4jException expected) {
                        assertThat(expected.getMessage()).as("seed %d round %d", seed, round).isNotBlank();
                        // A node failure must come from the op's own checks, not from a bug it tripped over.
                        Throwable cause = expected.getCause();
                        if (cause != null && !(cause instanceof Edge4jException)) {
                            throw new AssertionError("seed " + seed + " round " + round + ": unchecked failure "
                                    + expected.getMessage(), cause);
                        }
                        outcomes[1]++;
                    } catch (Throwable t) {
                        throw new AssertionError("seed " + seed + " round " + round + ": " + t, t);
                    }
                }
            }, "a mutated model hung (seed " + seed + ")");
        }
        // Both outcomes must occur, or the mutations are too weak (or too strong) to test anything.
        assertThat(outcomes[0]).as("runs that succeeded").isGreaterThan(ROUNDS / 20);
        assertThat(outcomes[1]).as("runs that failed with a typed error").isGreaterThan(ROUNDS / 20);
    }

    private static byte[] mutateBytes(byte[] b, Random rnd) {
        byte[] m = b.clone();
        switch (rnd.nextInt(4)) {
            case 0 -> {
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    int i = rnd.nextInt(m.length);
                    m[i] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
            case 1 -> {
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    m[rnd.nextInt(m.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length));
            default -> {
                int at = rnd.nextInt(m.length);
                int len = 1 + rnd.nextInt(8);
                byte[] out = new byte[m.length + len];
                System.arraycopy(m, 0, out, 0, at);
                for (int i = 0; i < len; i++) {
                    out[at + i] = (byte) rnd.nextInt(256);
                }
                System.arraycopy(m, at, out, at + len, m.length - at);
                m = out;
            }
        }
        return m;
    }

    private static ModelProto mutateFields(ModelProto model, Random rnd) {
        GraphProto.Builder g = model.getGraph().toBuilder();
        int n = g.getNodeCount();
        int k = rnd.nextInt(n);
        NodeProto.Builder node = g.getNode(k).toBuilder();
        List<String> names = new ArrayList<>();
        g.getInputList().forEach(v -> names.add(v.getName()));
        g.getInitializerList().forEach(t -> names.add(t.getName()));
        g.getNodeList().forEach(x -> names.addAll(x.getOutputList()));
        switch (rnd.nextInt(7)) {
            case 0 -> node.setOpType(OPS[rnd.nextInt(OPS.length)]);
            case 1 -> {
                if (node.getAttributeCount() > 0) {
                    int a = rnd.nextInt(node.getAttributeCount());
                    AttributeProto.Builder ab = node.getAttribute(a).toBuilder();
                    long v = switch (rnd.nextInt(4)) {
                        case 0 -> -rnd.nextInt(5);
                        case 1 -> rnd.nextInt(10);
                        case 2 -> Integer.MAX_VALUE;
                        default -> Long.MIN_VALUE;
                    };
                    if (ab.getIntsCount() > 0) {
                        ab.setInts(rnd.nextInt(ab.getIntsCount()), v);
                    } else {
                        ab.setI(v);
                    }
                    node.setAttribute(a, ab);
                }
            }
            case 2 -> {
                if (node.getInputCount() > 0) {
                    node.setInput(rnd.nextInt(node.getInputCount()), names.get(rnd.nextInt(names.size())));
                }
            }
            case 3 -> {
                if (g.getInitializerCount() > 0) {
                    int i = rnd.nextInt(g.getInitializerCount());
                    TensorProto.Builder t = g.getInitializer(i).toBuilder();
                    if (t.getDimsCount() > 0) {
                        t.setDims(rnd.nextInt(t.getDimsCount()), rnd.nextInt(5) - 1);
                    }
                    if (rnd.nextBoolean()) {
                        t.setDataType(1 + rnd.nextInt(16));
                    }
                    g.setInitializer(i, t);
                }
            }
            case 4 -> {
                int i = rnd.nextInt(g.getInputCount());
                TypeProto.Builder tp = g.getInput(i).getType().toBuilder();
                tp.getTensorTypeBuilder().setElemType(1 + rnd.nextInt(16));
                g.setInput(i, g.getInput(i).toBuilder().setType(tp));
            }
            case 5 -> {
                g.removeNode(k);
                return model.toBuilder().setGraph(g).build();
            }
            default -> node.addInput(names.get(rnd.nextInt(names.size())));
        }
        g.setNode(k, node);
        return model.toBuilder().setGraph(g).build();
    }

    /** A value for every input that fits its declared type (symbolic dimensions 2, unknown 1). */
    private static Map<String, Object> inputsFor(OnnxModel m, Random rnd) {
        Map<String, Object> feeds = new HashMap<>();
        for (ValueInfo info : m.inputs()) {
            DType t = info.dtype() == null ? DType.FLOAT32 : info.dtype();
            List<Dim> dims = info.dims() == null ? List.of() : info.dims();
            int[] d = new int[dims.size()];
            for (int i = 0; i < d.length; i++) {
                Dim dim = dims.get(i);
                d[i] = dim.isKnown() ? (int) Math.min(dim.value(), 64) : dim.isSymbolic() ? 2 : 1;
            }
            Tensor x = Tensor.zeros(t, Shape.of(d));
            if (t.isNumeric()) {
                for (int i = 0; i < x.size(); i++) {
                    x.setDouble(i, rnd.nextInt(5) - 1);
                }
            }
            feeds.put(info.name(), x);
        }
        return feeds;
    }
}
