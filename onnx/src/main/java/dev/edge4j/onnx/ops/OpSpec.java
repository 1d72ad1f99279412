package dev.edge4j.onnx.ops;

import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import java.util.List;
import java.util.function.Function;

/**
 * Everything a factory may look at to build a node's op: the node (attributes, opset, which
 * inputs and outputs are present), constant inputs known at load time, and its subgraphs compiled.
 */
public final class OpSpec {
    private final Node node;
    private final Function<String, Tensor> constants;
    private final Function<Graph, Subgraph> compiler;

    public OpSpec(Node node, Function<String, Tensor> constants, Function<Graph, Subgraph> compiler) {
        this.node = node;
        this.constants = constants;
        this.compiler = compiler;
    }

    public Node node() {
        return node;
    }

    public Attributes attrs() {
        return node.attributes();
    }

    public int opset() {
        return node.opset();
    }

    public int inputCount() {
        return node.inputs().size();
    }

    public int outputCount() {
        return node.outputs().size();
    }

    public boolean hasInput(int i) {
        return node.hasInput(i);
    }

    public boolean hasOutput(int i) {
        return i < node.outputs().size() && !node.outputs().get(i).isEmpty();
    }

    /** Input {@code i} when it is a constant (initializer or folded value); otherwise null. */
    public Tensor constantInput(int i) {
        return node.hasInput(i) ? constants.apply(node.input(i)) : null;
    }

    /** The graph attribute {@code name}, compiled; fails when the node lacks it. */
    public Subgraph subgraph(String name) {
        Graph g = node.attributes().getGraph(name);
        if (g == null) {
            node.attributes().require(name);
        }
        return compiler.apply(g);
    }

    public List<String> outputs() {
        return node.outputs();
    }

    /** The node in messages: {@code node 'x' (Conv, opset 11)}. */
    public String describe() {
        return node.describe();
    }
}
