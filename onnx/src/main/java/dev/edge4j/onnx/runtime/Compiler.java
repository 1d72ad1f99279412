package dev.edge4j.onnx.runtime;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpRegistry;
import dev.edge4j.onnx.ops.OpSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a graph into a {@link Plan}: assigns frame slots, builds each node's op through the
 * registry (compiling subgraphs on the way), and works out after which step each value is dead.
 */
public final class Compiler {
    private final OpRegistry registry;

    public Compiler(OpRegistry registry) {
        this.registry = registry;
    }

    /** Compiles a top-level graph. */
    public Plan compile(Graph g) {
        return compile(g, List.of(), Map.of());
    }

    /**
     * Compiles {@code g}; {@code outerNames} are the values of enclosing graphs it may read (in
     * the order the owning node receives them), {@code outerConstants} those known to be constant.
     */
    Plan compile(Graph g, List<String> outerNames, Map<String, Tensor> outerConstants) {
        Map<String, Integer> slots = new HashMap<>();
        List<Object> constantFrame = new ArrayList<>();
        Map<String, Tensor> visibleConstants = new HashMap<>(outerConstants);

        int[] outerSlots = new int[outerNames.size()];
        for (int i = 0; i < outerSlots.length; i++) {
            outerSlots[i] = newSlot(slots, constantFrame, outerNames.get(i), null);
        }
        for (Map.Entry<String, Tensor> c : g.constants().entrySet()) {
            newSlot(slots, constantFrame, c.getKey(), c.getValue());
            if (g.overridableConstants().contains(c.getKey())) {
                visibleConstants.remove(c.getKey());
            } else {
                visibleConstants.put(c.getKey(), c.getValue());
            }
        }
        Map<String, Integer> feedSlots = new LinkedHashMap<>();
        int[] inputSlots = new int[g.inputs().size()];
        for (int i = 0; i < inputSlots.length; i++) {
            String name = g.inputs().get(i);
            visibleConstants.remove(name);
            inputSlots[i] = newSlot(slots, constantFrame, name, null);
            feedSlots.put(name, inputSlots[i]);
        }
        for (String name : g.overridableConstants()) {
            feedSlots.put(name, slots.get(name));
        }

        List<Node> nodes = g.nodes();
        int[][] ins = new int[nodes.size()][];
        int[][] outs = new int[nodes.size()][];
        Op[] ops = new Op[nodes.size()];
        for (int k = 0; k < nodes.size(); k++) {
            Node node = nodes.get(k);
            List<String> implicit = implicitInputs(node);
            List<String> reads = new ArrayList<>(node.inputs());
            reads.addAll(implicit);
            int[] in = new int[reads.size()];
            for (int i = 0; i < in.length; i++) {
                String name = reads.get(i);
                if (name.isEmpty()) {
                    in[i] = -1;
                    continue;
                }
                Integer s = slots.get(name);
                if (s == null) {
                    throw new ModelFormatException(node.describe() + " reads '" + name
                            + "', which no input, initializer or earlier node provides");
                }
                in[i] = s;
            }
            Map<String, Tensor> constantsHere = Map.copyOf(visibleConstants);
            OpSpec spec = new OpSpec(node, constantsHere::get,
                    sub -> compile(sub, implicit, constantsHere));
            ops[k] = registry.create(spec);
            int[] out = new int[node.outputs().size()];
            for (int i = 0; i < out.length; i++) {
                String name = node.outputs().get(i);
                out[i] = name.isEmpty() ? -1 : newSlot(slots, constantFrame, name, null);
                visibleConstants.remove(name);
            }
            ins[k] = in;
            outs[k] = out;
        }

        int[] outputSlots = new int[g.outputs().size()];
        for (int i = 0; i < outputSlots.length; i++) {
            Integer s = slots.get(g.outputs().get(i));
            if (s == null) {
                throw new ModelFormatException("graph output '" + g.outputs().get(i)
                        + "' is not computed by any node");
            }
            outputSlots[i] = s;
        }

        Step[] steps = new Step[nodes.size()];
        int[][] releases = releases(slots.size(), ins, outs, outputSlots, outerSlots, constantFrame);
        for (int k = 0; k < steps.length; k++) {
            steps[k] = new Step(nodes.get(k), ops[k], ins[k], outs[k], releases[k]);
        }
        return new Plan(g, slots.size(), constantFrame.toArray(), feedSlots, List.copyOf(g.inputs()),
                inputSlots, List.copyOf(g.outputs()), outputSlots, outerSlots, steps);
    }

    private static int newSlot(Map<String, Integer> slots, List<Object> frame, String name, Object constant) {
        int s = frame.size();
        frame.add(constant);
        slots.put(name, s);
        return s;
    }

    /** The outer values the node's subgraphs read: the union of their free variables. */
    static List<String> implicitInputs(Node node) {
        Set<String> names = new LinkedHashSet<>();
        for (Graph sub : node.attributes().graphs()) {
            names.addAll(sub.freeVariables());
        }
        return new ArrayList<>(names);
    }

    /**
     * For each step, the slots last read (or written and never read) there: their values can go.
     * Constants, outer values and graph outputs are never released.
     */
    private static int[][] releases(int slotCount, int[][] ins, int[][] outs, int[] outputSlots,
            int[] outerSlots, List<Object> constantFrame) {
        int[] lastUse = new int[slotCount];
        java.util.Arrays.fill(lastUse, -1);
        for (int k = 0; k < ins.length; k++) {
            for (int s : outs[k]) {
                if (s >= 0) {
                    lastUse[s] = k;
                }
            }
            for (int s : ins[k]) {
                if (s >= 0) {
                    lastUse[s] = k;
                }
            }
        }
        boolean[] keep = new boolean[slotCount];
        for (int s : outputSlots) {
            keep[s] = true;
        }
        for (int s : outerSlots) {
            keep[s] = true; // owned by the enclosing graph's frame
        }
        for (int s = 0; s < slotCount; s++) {
            if (constantFrame.get(s) != null) {
                keep[s] = true;
            }
        }
        List<List<Integer>> perStep = new ArrayList<>();
        for (int k = 0; k < ins.length; k++) {
            perStep.add(new ArrayList<>());
        }
        for (int s = 0; s < slotCount; s++) {
            if (!keep[s] && lastUse[s] >= 0) {
                perStep.get(lastUse[s]).add(s);
            }
        }
        int[][] out = new int[ins.length][];
        for (int k = 0; k < ins.length; k++) {
            out[k] = perStep.get(k).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
