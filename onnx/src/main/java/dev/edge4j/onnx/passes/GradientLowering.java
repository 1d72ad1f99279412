package dev.edge4j.onnx.passes;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prepares training-domain Gradient nodes: each gets, as a graph attribute, the forward
 * computation from its xs (and zs) to y, cut out of the enclosing graph, which the Gradient op
 * runs and differentiates. Always applied: without it a Gradient node cannot run.
 */
public final class GradientLowering {
    public static final String DOMAIN = "ai.onnx.preview.training";
    public static final String FORWARD = "__forward";

    private GradientLowering() {}

    public static void apply(Graph g) {
        List<Node> nodes = g.nodes();
        boolean any = nodes.stream().anyMatch(GradientLowering::isGradient);
        if (!any) {
            return;
        }
        Map<String, Node> producer = new HashMap<>();
        for (Node n : nodes) {
            for (String o : n.outputs()) {
                producer.put(o, n);
            }
        }
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            out.add(isGradient(n) ? lower(n, g, producer) : n);
        }
        g.setNodes(out);
    }

    private static boolean isGradient(Node n) {
        return n.opType().equals("Gradient") && n.domain().equals(DOMAIN);
    }

    private static Node lower(Node n, Graph g, Map<String, Node> producer) {
        String[] xs = n.attributes().getStrings("xs", new String[0]);
        String[] zs = n.attributes().getStrings("zs", new String[0]);
        String y = n.attributes().getString("y", null);
        if (y == null || xs.length == 0) {
            throw new ModelFormatException(n.describe() + " needs the attributes xs and y");
        }
        Set<String> leaves = new HashSet<>(List.of(xs));
        leaves.addAll(List.of(zs));
        Set<Node> needed = new HashSet<>();
        Set<String> constants = new HashSet<>();
        List<String> stack = new ArrayList<>(List.of(y));
        while (!stack.isEmpty()) {
            String v = stack.remove(stack.size() - 1);
            if (v.isEmpty() || leaves.contains(v)) {
                continue;
            }
            if (g.constants().containsKey(v)) {
                constants.add(v);
                continue;
            }
            Node p = producer.get(v);
            if (p == null) {
                throw new ModelFormatException(n.describe() + ": y '" + y + "' depends on '" + v
                        + "', which is neither in xs, zs nor computed by the graph");
            }
            if (needed.add(p)) {
                stack.addAll(p.inputs());
            }
        }
        Graph forward = new Graph(n.name() + "/forward");
        forward.inputs().addAll(List.of(xs));
        forward.inputs().addAll(List.of(zs));
        forward.outputs().add(y);
        for (String c : constants) {
            forward.constants().put(c, g.constants().get(c));
        }
        List<Node> body = new ArrayList<>();
        for (Node m : g.nodes()) {
            if (needed.contains(m)) {
                body.add(m);
            }
        }
        forward.setNodes(body);
        return new Node(n.name(), n.opType(), n.domain(), n.opset(), n.inputs(), n.outputs(),
                n.attributes().with(FORWARD, forward));
    }
}
