package dev.edge4j.onnx.ir;

import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A computation graph: named inputs, constants, nodes in execution order, named outputs, and the
 * type known for each value. Mutable, so passes can rewrite it; a subgraph (the body of If, Loop
 * or Scan) is a Graph too and may read values of the graphs around it by name.
 */
public final class Graph {
    private final String name;
    private final List<String> inputs = new ArrayList<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, Tensor> constants = new LinkedHashMap<>();
    private final Set<String> overridable = new HashSet<>();
    private final Map<String, ValueType> types = new LinkedHashMap<>();
    private final Set<String> inferred = new HashSet<>();
    private List<Node> nodes = new ArrayList<>();

    public Graph(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Names of the values a caller feeds, in declaration order (constants excluded). */
    public List<String> inputs() {
        return inputs;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** Initializers and folded constants by name. */
    public Map<String, Tensor> constants() {
        return constants;
    }

    /**
     * Inputs that also have an initializer: the initializer is their default, and a caller may
     * feed another value (the ONNX rule for IR versions before 4).
     */
    public Set<String> overridableConstants() {
        return overridable;
    }

    /**
     * The type known for each value: inferred by the engine (see {@link #inferred()}), or else as
     * the file declares it.
     */
    public Map<String, ValueType> types() {
        return types;
    }

    /**
     * Values whose type the engine derived itself, from the inputs' types (checked on every run)
     * and the constants. Only these may be relied on; other declarations in a file can be wrong.
     */
    public Set<String> inferred() {
        return inferred;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public void setNodes(List<Node> nodes) {
        this.nodes = new ArrayList<>(nodes);
    }

    /** Names this graph defines itself: inputs, constants and node outputs. */
    public Set<String> definedNames() {
        Set<String> defined = new HashSet<>(inputs);
        defined.addAll(constants.keySet());
        for (Node n : nodes) {
            defined.addAll(n.outputs());
        }
        return defined;
    }

    /**
     * Values this graph (or a subgraph inside it) reads but does not define: they come from the
     * graphs around it. In first-use order.
     */
    public List<String> freeVariables() {
        Set<String> defined = new HashSet<>(inputs);
        defined.addAll(constants.keySet());
        Set<String> free = new LinkedHashSet<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    free.add(in);
                }
            }
            for (Graph g : n.attributes().graphs()) {
                for (String v : g.freeVariables()) {
                    if (!defined.contains(v)) {
                        free.add(v);
                    }
                }
            }
            defined.addAll(n.outputs());
        }
        for (String out : outputs) {
            if (!defined.contains(out)) {
                free.add(out);
            }
        }
        return new ArrayList<>(free);
    }
}
