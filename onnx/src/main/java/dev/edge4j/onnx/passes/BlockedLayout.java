package dev.edge4j.onnx.passes;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Blocked;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Fused;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves chains of 2-D float convolutions into the channel-blocked layout ({@link Blocked}), where
 * one vector is one pixel of a block of channels: convolutions, depthwise convolutions, pools,
 * element-wise ops and channel concatenations then work on whole vectors with no padding copies,
 * and write long contiguous runs. The first convolution reads its plain (NCHW, or NHWC through a
 * Transpose) input directly; values leave the layout through {@code FromBlocked} only where a
 * node outside the chain, or a graph output, needs them (a Transpose to NHWC becomes part of it).
 * Shapes must be known; a graph with fewer than three convolutions is left alone.
 */
public final class BlockedLayout {
    private static final Set<String> UNARY = Set.of("Relu", "Sigmoid", "Tanh", "LeakyRelu", "HardSigmoid",
            "HardSwish", "Clip", "Elu", "Softplus");
    private static final Set<String> BINARY = Set.of("Add", "Sub", "Mul", "Div", "PRelu", "Max", "Min");
    private static final int MIN_CONVS = 3;

    private final Graph g;
    private final Uses uses;
    private final List<Node> out = new ArrayList<>();
    /** Plain value name to the name of its blocked form. */
    private final Map<String, String> blocked = new HashMap<>();
    /** Channels of each blocked value. */
    private final Map<String, Integer> channels = new HashMap<>();
    /** Plain values that exist only in blocked form so far. */
    private final Set<String> blockedOnly = new HashSet<>();
    /** Transposes NHWC -> NCHW folded into the convolution that reads them: output to input. */
    private final Map<String, String> nhwcSource = new HashMap<>();
    private final Set<Node> absorbed = new HashSet<>();
    private int converted;

    private BlockedLayout(Graph g) {
        this.g = g;
        this.uses = new Uses(g);
    }

    /** Rewrites the graph; returns how many nodes now run blocked. */
    public static int apply(Graph g) {
        BlockedLayout pass = new BlockedLayout(g);
        int convs = 0;
        for (Node n : g.nodes()) {
            if (pass.convertibleConv(n)) {
                convs++;
            }
        }
        if (convs < MIN_CONVS) {
            return 0;
        }
        pass.run();
        return pass.converted;
    }

    private void run() {
        for (Node n : g.nodes()) {
            if (isTranspose(n, 0, 3, 1, 2) && staticShape(n.input(0)) != null) {
                Node reader = uses.soleReader(n.outputs().get(0));
                if (reader != null && convertibleConv(reader) && !isDepthwise(reader)
                        && reader.input(0).equals(n.outputs().get(0))) {
                    nhwcSource.put(n.outputs().get(0), n.input(0));
                    absorbed.add(n);
                }
            }
        }
        for (Node n : g.nodes()) {
            if (absorbed.contains(n)) {
                continue;
            }
            if (!convert(n)) {
                for (String in : n.inputs()) {
                    ensurePlain(in);
                }
                for (Graph sub : n.attributes().graphs()) {
                    for (String v : sub.freeVariables()) {
                        ensurePlain(v);
                    }
                }
                out.add(n);
            }
        }
        for (String o : g.outputs()) {
            ensurePlain(o);
        }
        g.setNodes(out);
    }

    private boolean convert(Node n) {
        if (convertibleConv(n)) {
            return convertConv(n);
        }
        if (!n.domain().isEmpty() || n.outputs().size() != 1 || n.inputs().isEmpty()) {
            return false;
        }
        String op = n.opType();
        if ((op.equals("MaxPool") || op.equals("AveragePool") || op.equals("GlobalAveragePool"))
                && blocked.containsKey(n.input(0))) {
            return convertPool(n);
        }
        if (UNARY.contains(op) && blocked.containsKey(n.input(0))) {
            for (int i = 1; i < n.inputs().size(); i++) {
                if (n.hasInput(i) && Rewrite.scalar(g, n.input(i)) == null) {
                    return false;
                }
            }
            List<String> in = new ArrayList<>(n.inputs());
            in.set(0, blocked.get(n.input(0)));
            return emit(n, in, n.opType(), "", n.opset(), n.attributes(), channels.get(blocked.get(n.input(0))));
        }
        if (BINARY.contains(op) && n.inputs().size() == 2) {
            return convertBinary(n);
        }
        if (op.equals("Concat")) {
            return convertConcat(n);
        }
        if (isTranspose(n, 0, 2, 3, 1) && blockedOnly.contains(n.input(0))) {
            String b = blocked.get(n.input(0));
            out.add(new Node(n.name(), "FromBlocked", Fused.DOMAIN, 1, List.of(b), n.outputs(),
                    Attributes.empty().with("channels", (long) channels.get(b)).with("layout", "nhwc")));
            converted++;
            return true;
        }
        return false;
    }

    /** A 2-D float Conv or FusedConv with constant weights (and bias, slope): one group or depthwise. */
    private boolean convertibleConv(Node n) {
        boolean conv = n.opType().equals("Conv") && n.domain().isEmpty()
                || n.opType().equals("FusedConv") && n.domain().equals(Fused.DOMAIN);
        if (!conv || n.outputs().size() != 1) {
            return false;
        }
        long[] x = staticShape(n.input(0));
        long[] y = staticShape(n.outputs().get(0));
        Tensor w = Rewrite.constant(g, n.input(1));
        if (x == null || y == null || x.length != 4 || w == null || w.rank() != 4 || w.dtype() != DType.FLOAT32
                || !Rewrite.isFloat32(g, n.input(0), 4)) {
            return false;
        }
        for (int i : new int[] {2, 4}) {
            if (n.hasInput(i) && Rewrite.constant(g, n.input(i)) == null) {
                return false;
            }
        }
        long group = n.attributes().getLong("group", 1);
        return group == 1 || isDepthwise(n);
    }

    private boolean isDepthwise(Node n) {
        Tensor w = Rewrite.constant(g, n.input(1));
        long group = n.attributes().getLong("group", 1);
        long[] x = staticShape(n.input(0));
        return group > 1 && w != null && x != null && group == x[1] && w.shape().dim(0) == group && w.shape().dim(1) == 1;
    }

    private boolean convertConv(Node n) {
        String x = n.input(0);
        boolean depthwise = isDepthwise(n);
        String layout;
        String input;
        if (blocked.containsKey(x)) {
            layout = "blocked";
            input = blocked.get(x);
        } else if (nhwcSource.containsKey(x)) {
            layout = "nhwc";
            input = nhwcSource.get(x);
        } else if (depthwise) {
            layout = "blocked";
            input = toBlocked(x);
        } else {
            layout = "nchw";
            input = x;
        }
        List<String> in = new ArrayList<>(n.inputs());
        in.set(0, input);
        if (n.hasInput(3)) {
            String z = n.input(3);
            in.set(3, blocked.containsKey(z) ? blocked.get(z) : toBlocked(z));
        }
        Attributes a = n.attributes().with("input_layout", layout);
        long m = Rewrite.constant(g, n.input(1)).shape().dim(0);
        return emit(n, in, "BlockedConv", Fused.DOMAIN, 1, a, (int) m);
    }

    private boolean convertPool(Node n) {
        if (n.outputs().size() != 1 || staticShape(n.input(0)) == null || staticShape(n.outputs().get(0)) == null
                || staticShape(n.input(0)).length != 4) {
            return false;
        }
        String b = blocked.get(n.input(0));
        int c = channels.get(b);
        String mode = switch (n.opType()) {
            case "MaxPool" -> "max";
            case "AveragePool" -> "average";
            default -> "global_average";
        };
        if (n.opType().equals("MaxPool") && n.attributes().getLong("storage_order", 0) != 0) {
            return false;
        }
        Attributes a = n.attributes().with("mode", mode).with("channels", (long) c);
        return emit(n, List.of(b), "BlockedPool", Fused.DOMAIN, 1, a, c);
    }

    private boolean convertBinary(Node n) {
        String a = n.input(0);
        String b = n.input(1);
        long[] shape = staticShape(n.outputs().get(0));
        if (shape == null || shape.length != 4) {
            return false;
        }
        String ba = blocked.get(a);
        String bb = blocked.get(b);
        if (ba == null && bb == null) {
            return false;
        }
        int c = (int) shape[1];
        List<String> in = new ArrayList<>();
        for (String v : List.of(a, b)) {
            String bv = blocked.get(v);
            long[] vs = staticShape(v);
            if (bv != null && vs != null && java.util.Arrays.equals(vs, shape)) {
                in.add(bv);
                continue;
            }
            Tensor t = Rewrite.constant(g, v);
            if (t == null || t.dtype() != DType.FLOAT32) {
                return false;
            }
            if (t.size() == 1) {
                in.add(v);
            } else if (ActivationNode.perChannel(t, 4, 1, c)) {
                float[] padded = dev.edge4j.kernels.BlockedFilter.padded(t.floats(), c);
                in.add(Rewrite.addConstant(g, v + "_blocked",
                        Tensor.wrap(DType.FLOAT32, Shape.of(1, Blocked.blocks(c), 1, 1, Blocked.B), padded)));
            } else {
                return false;
            }
        }
        return emit(n, in, n.opType(), "", n.opset(), n.attributes(), c);
    }

    private boolean convertConcat(Node n) {
        long[] shape = staticShape(n.outputs().get(0));
        if (shape == null || shape.length != 4) {
            return false;
        }
        long axis = n.attributes().getLong("axis", 1);
        if (axis != 1 && axis != -3) {
            return false;
        }
        boolean any = false;
        List<String> in = new ArrayList<>();
        long[] counts = new long[n.inputs().size()];
        for (int i = 0; i < counts.length; i++) {
            String v = n.input(i);
            long[] vs = staticShape(v);
            if (vs == null || vs.length != 4) {
                return false;
            }
            counts[i] = vs[1];
            if (blocked.containsKey(v)) {
                in.add(blocked.get(v));
                any = true;
                continue;
            }
            Tensor t = Rewrite.constant(g, v);
            if (t == null || t.dtype() != DType.FLOAT32) {
                return false;
            }
            int c = (int) vs[1];
            int pixels = (int) (vs[2] * vs[3]);
            float[] b = new float[(int) vs[0] * Blocked.imageSize(c, pixels)];
            Blocked.fromNchw(t.floats(), (int) vs[0], c, pixels, b);
            in.add(Rewrite.addConstant(g, v + "_blocked", Tensor.wrap(DType.FLOAT32,
                    Shape.of((int) vs[0], Blocked.blocks(c), (int) vs[2], (int) vs[3], Blocked.B), b)));
        }
        if (!any) {
            return false;
        }
        Attributes a = Attributes.empty().with("channels", counts);
        return emit(n, in, "BlockedConcat", Fused.DOMAIN, 1, a, (int) shape[1]);
    }

    /** Adds the blocked form of {@code n}; its plain output exists only if something asks for it. */
    private boolean emit(Node n, List<String> in, String op, String domain, int opset, Attributes a, int c) {
        String y = n.outputs().get(0);
        long[] shape = staticShape(y);
        if (shape == null || shape.length != 4) {
            return false;
        }
        String yb = fresh(y + "_blocked");
        declare(yb, shape[0], Blocked.blocks(c), shape[2], shape[3]);
        out.add(new Node(n.name(), op, domain, opset, in, List.of(yb), a));
        blocked.put(y, yb);
        channels.put(yb, c);
        blockedOnly.add(y);
        converted++;
        return true;
    }

    private String toBlocked(String x) {
        long[] s = staticShape(x);
        String xb = fresh(x + "_blocked");
        int c = (int) s[1];
        declare(xb, s[0], Blocked.blocks(c), s[2], s[3]);
        out.add(new Node("", "ToBlocked", Fused.DOMAIN, 1, List.of(x), List.of(xb),
                Attributes.empty().with("layout", "nchw")));
        blocked.put(x, xb);
        channels.put(xb, c);
        return xb;
    }

    /** Makes the plain value {@code v} exist (once), converting it back from its blocked form. */
    private void ensurePlain(String v) {
        if (!blockedOnly.remove(v)) {
            return;
        }
        String b = blocked.get(v);
        out.add(new Node("", "FromBlocked", Fused.DOMAIN, 1, List.of(b), List.of(v),
                Attributes.empty().with("channels", (long) channels.get(b)).with("layout", "nchw")));
    }

    private void declare(String name, long n, long cb, long h, long w) {
        g.types().put(name, ValueType.tensor(DType.FLOAT32, n, cb, h, w, Blocked.B));
        g.inferred().add(name);
    }

    private String fresh(String base) {
        String name = base;
        for (int i = 1; g.types().containsKey(name) || g.constants().containsKey(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** The static shape the engine inferred for {@code v} (or an input's declared one), else null. */
    private long[] staticShape(String v) {
        if (v.isEmpty() || !(g.inferred().contains(v) || g.inputs().contains(v))) {
            return null;
        }
        return g.types().get(v) instanceof ValueType.TensorType t && t.isStatic() ? t.dimValues() : null;
    }

    private static boolean isTranspose(Node n, long... perm) {
        return n.domain().isEmpty() && n.opType().equals("Transpose") && n.outputs().size() == 1
                && java.util.Arrays.equals(n.attributes().getLongs("perm", null), perm);
    }
}
