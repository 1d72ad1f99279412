package dev.edge4j.onnx.passes;

import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Removes nodes whose outputs no graph output depends on. */
public final class DeadNodes {
    private DeadNodes() {}

    public static void remove(Graph g) {
        Set<String> needed = new HashSet<>(g.outputs());
        List<Node> nodes = g.nodes();
        List<Node> kept = new ArrayList<>();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            boolean live = n.outputs().stream().anyMatch(needed::contains);
            if (live) {
                kept.add(n);
                needed.addAll(n.inputs());
                for (Graph sub : n.attributes().graphs()) {
                    needed.addAll(sub.freeVariables());
                }
            }
        }
        java.util.Collections.reverse(kept);
        g.setNodes(kept);
        g.constants().keySet().removeIf(c -> !needed.contains(c) && !g.overridableConstants().contains(c));
    }
}
