package dev.edge4j.onnx.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * One operator application: its type, the opset version it binds to, attributes, and the names of
 * the values it reads and writes. An empty input name marks an optional input left out.
 */
public final class Node {
    private final String name;
    private final String opType;
    private final String domain;
    private final int opset;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Attributes attributes;

    public Node(String name, String opType, String domain, int opset, List<String> inputs,
            List<String> outputs, Attributes attributes) {
        this.name = name;
        this.opType = opType;
        this.domain = domain;
        this.opset = opset;
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
        this.attributes = attributes;
    }

    public String name() {
        return name;
    }

    public String opType() {
        return opType;
    }

    /** The operator set domain: "" for the default ONNX domain. */
    public String domain() {
        return domain;
    }

    /** The version of the node's domain the model imports. */
    public int opset() {
        return opset;
    }

    /** Input value names, mutable for graph passes; "" where an optional input is absent. */
    public List<String> inputs() {
        return inputs;
    }

    /** Output value names, mutable for graph passes; "" where an optional output is not wanted. */
    public List<String> outputs() {
        return outputs;
    }

    public Attributes attributes() {
        return attributes;
    }

    /** Input {@code i}'s name, or "" when the node has fewer inputs. */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public boolean hasInput(int i) {
        return !input(i).isEmpty();
    }

    /** How the node is named in messages: {@code node 'conv1' (Conv, opset 11)}. */
    public String describe() {
        String dom = domain.isEmpty() ? "" : domain + ".";
        String label = name.isEmpty() ? (outputs.isEmpty() ? "?" : "producing '" + outputs.get(0) + "'")
                : "'" + name + "'";
        return "node " + label + " (" + dom + opType + ", opset " + opset + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
