package dev.edge4j.onnx.passes;

import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who reads and who writes each value of a graph, for pattern-matching passes: a value may be
 * folded into a fused node only when that node is its one reader and nothing else (a graph output,
 * a subgraph) sees it.
 */
final class Uses {
    private final Map<String, List<Node>> readers = new HashMap<>();
    private final Map<String, Node> writers = new HashMap<>();
    private final Set<String> pinned = new HashSet<>();

    Uses(Graph g) {
        pinned.addAll(g.outputs());
        for (Node n : g.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
            for (Graph sub : n.attributes().graphs()) {
                pinned.addAll(sub.freeVariables());
            }
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    writers.put(out, n);
                }
            }
        }
    }

    /** The node that reads {@code value}, when it is the only one and the value is seen nowhere else. */
    Node soleReader(String value) {
        if (pinned.contains(value)) {
            return null;
        }
        List<Node> r = readers.get(value);
        return r != null && r.size() == 1 ? r.get(0) : null;
    }

    List<Node> readers(String value) {
        return readers.getOrDefault(value, List.of());
    }

    Node writer(String value) {
        return writers.get(value);
    }

    /** True when nothing but the given readers sees the value. */
    boolean onlyReadBy(String value, Set<Node> nodes) {
        return !pinned.contains(value) && nodes.containsAll(readers(value));
    }
}
