package dev.edge4j.onnx.passes;

import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Fused;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Joins a blocked convolution and the depthwise convolution that alone reads it into one
 * {@code BlockedConvPair}, which runs them band by band so that the image between them stays in
 * the cache. Only where that image is too big for the cache to keep it anyway: smaller ones gain
 * nothing from the bands. Runs after {@link BlockedLayout}.
 */
public final class BlockedPairFusion {
    /** Bytes of the image between the two convolutions from which joining them pays. */
    static final long MIN_BYTES = 1 << 20;

    private BlockedPairFusion() {}

    /** Joins every such pair; returns how many. */
    public static int apply(Graph g) {
        Uses uses = new Uses(g);
        Rewrite rw = new Rewrite();
        for (Node first : g.nodes()) {
            if (!isBlockedConv(first) || first.attributes().getLong("group", 1) != 1 || first.hasInput(3)
                    || rw.touched(first)) {
                continue;
            }
            String mid = first.outputs().get(0);
            Node dw = uses.soleReader(mid);
            if (dw == null || !isBlockedConv(dw) || dw.attributes().getLong("group", 1) == 1 || dw.hasInput(3)
                    || !dw.input(0).equals(mid) || rw.touched(dw) || bytes(g, mid) < MIN_BYTES
                    || g.outputs().contains(mid)) {
                continue;
            }
            List<String> in = new ArrayList<>(first.inputs());
            while (in.size() < 5) {
                in.add("");
            }
            in.set(3, "");
            in.add(dw.input(1));
            in.add(dw.hasInput(2) ? dw.input(2) : "");
            in.add(dw.hasInput(4) ? dw.input(4) : "");
            Attributes a = first.attributes();
            for (Map.Entry<String, Object> e : dw.attributes().asMap().entrySet()) {
                a = a.with("dw_" + e.getKey(), e.getValue());
            }
            rw.fuse(dw, new Node(first.name() + "+" + dw.name(), "BlockedConvPair", Fused.DOMAIN, 1, in, dw.outputs(),
                    a), first);
        }
        return rw.apply(g);
    }

    private static boolean isBlockedConv(Node n) {
        return n.opType().equals("BlockedConv") && n.domain().equals(Fused.DOMAIN) && n.outputs().size() == 1;
    }

    private static long bytes(Graph g, String v) {
        if (g.types().get(v) instanceof ValueType.TensorType t && t.isStatic()) {
            long n = 4;
            for (long d : t.dimValues()) {
                n *= d;
            }
            return n;
        }
        return 0;
    }
}
