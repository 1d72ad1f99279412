package dev.edge4j.onnx.runtime;

import dev.edge4j.core.Edge4jException;
import dev.edge4j.onnx.NodeFailedException;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Subgraph;
import java.util.List;
import java.util.Map;

/**
 * A graph compiled for running: every value gets a slot in a frame array, constants are placed
 * once, and each step knows which slots to read, write and let go. Plans are immutable and shared
 * by concurrent runs; each run has its own frame and {@link RunState}.
 */
public final class Plan implements Subgraph {
    final Graph graph;
    final int slotCount;
    final Object[] constantFrame;
    final Map<String, Integer> feedSlots;
    final List<String> inputNames;
    final int[] inputSlots;
    final List<String> outputNames;
    final int[] outputSlots;
    final int[] outerSlots;
    final Step[] steps;

    Plan(Graph graph, int slotCount, Object[] constantFrame, Map<String, Integer> feedSlots,
            List<String> inputNames, int[] inputSlots, List<String> outputNames, int[] outputSlots,
            int[] outerSlots, Step[] steps) {
        this.graph = graph;
        this.slotCount = slotCount;
        this.constantFrame = constantFrame;
        this.feedSlots = feedSlots;
        this.inputNames = inputNames;
        this.inputSlots = inputSlots;
        this.outputNames = outputNames;
        this.outputSlots = outputSlots;
        this.outerSlots = outerSlots;
        this.steps = steps;
    }

    public Graph graph() {
        return graph;
    }

    public int stepCount() {
        return steps.length;
    }

    @Override
    public List<String> inputNames() {
        return inputNames;
    }

    @Override
    public List<String> outputNames() {
        return outputNames;
    }

    @Override
    public dev.edge4j.onnx.ValueType outputType(int i) {
        return graph.types().get(outputNames.get(i));
    }

    /** Runs as a subgraph: positional inputs, outer values as the owning node received them. */
    @Override
    public Object[] run(Object[] inputs, Object[] outer, ExecContext ctx) {
        Object[] frame = newFrame();
        for (int i = 0; i < outerSlots.length && i < outer.length; i++) {
            frame[outerSlots[i]] = outer[i];
        }
        for (int i = 0; i < inputSlots.length; i++) {
            frame[inputSlots[i]] = i < inputs.length ? inputs[i] : null;
        }
        return execute(frame, (RunState) ctx, null);
    }

    Object[] newFrame() {
        return constantFrame.clone();
    }

    /** A profile with one entry per step of this plan. */
    Profile newProfile() {
        dev.edge4j.onnx.ir.Node[] nodes = new dev.edge4j.onnx.ir.Node[steps.length];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = steps[i].node();
        }
        return new Profile(nodes);
    }

    /**
     * Runs every step on a filled frame and returns the outputs in order; with a profile, times
     * each step into it.
     */
    Object[] execute(Object[] frame, RunState state, Profile profile) {
        for (int slot : inputSlots) {
            state.hold(frame[slot]);
        }
        for (int k = 0; k < steps.length; k++) {
            Step s = steps[k];
            long start = profile == null ? 0 : System.nanoTime();
            Object[] args = new Object[s.in().length];
            for (int i = 0; i < args.length; i++) {
                int slot = s.in()[i];
                args[i] = slot < 0 ? null : frame[slot];
            }
            Object[] results;
            try {
                results = s.op().run(args, state);
            } catch (NodeFailedException e) {
                throw e;
            } catch (Edge4jException e) {
                throw new NodeFailedException(s.node().describe() + ": " + e.getMessage(), e);
            } catch (OutOfMemoryError e) {
                throw new NodeFailedException(s.node().describe()
                        + ": ran out of memory (a tensor too large for the Java heap)", null);
            } catch (RuntimeException e) {
                throw new NodeFailedException(s.node().describe() + ": failed on inputs "
                        + describe(args) + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
            }
            int[] out = s.out();
            if (results.length < out.length) {
                int needed = 0;
                for (int i = 0; i < out.length; i++) {
                    if (out[i] >= 0) {
                        needed = i + 1;
                    }
                }
                if (results.length < needed) {
                    throw new NodeFailedException(s.node().describe() + " produced " + results.length
                            + " outputs where the graph needs " + needed, null);
                }
            }
            if (profile != null) {
                profile.record(k, System.nanoTime() - start, Flops.of(s.node(), args, results));
            }
            assert agreesWithInferredTypes(s, results);
            for (int i = 0; i < out.length; i++) {
                if (out[i] >= 0) {
                    Object v = i < results.length ? results[i] : null;
                    frame[out[i]] = v;
                    state.hold(v);
                }
            }
            for (int slot : s.release()) {
                Object v = frame[slot];
                frame[slot] = null;
                state.drop(v);
            }
        }
        Object[] outputs = new Object[outputSlots.length];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = frame[outputSlots[i]];
        }
        return outputs;
    }

    /**
     * With assertions on (as in tests), every computed tensor must fit the type shape inference
     * derived for its value: same element type, rank and known dimensions.
     */
    private boolean agreesWithInferredTypes(Step s, Object[] results) {
        for (int i = 0; i < s.out().length && i < results.length; i++) {
            String name = s.node().outputs().get(i);
            if (name.isEmpty() || !graph.inferred().contains(name)
                    || !(graph.types().get(name) instanceof dev.edge4j.onnx.ValueType.TensorType t)
                    || !(results[i] instanceof dev.edge4j.core.tensor.Tensor v)) {
                continue;
            }
            boolean ok = t.dtype() == null || t.dtype() == v.dtype();
            if (ok && t.hasRank()) {
                ok = t.rank() == v.rank();
                for (int d = 0; ok && d < t.rank(); d++) {
                    dev.edge4j.onnx.Dim dim = t.dims().get(d);
                    ok = !dim.isKnown() || dim.value() == v.shape().dim(d);
                }
            }
            if (!ok) {
                throw new AssertionError(s.node().describe() + ": output '" + name + "' is " + v.dtype()
                        + v.shape() + " but its type was inferred as " + t);
            }
        }
        return true;
    }

    static String describe(Object[] values) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            Object v = values[i];
            sb.append(switch (v) {
                case null -> "absent";
                case dev.edge4j.core.tensor.Tensor t -> t.dtype() + "" + t.shape();
                case dev.edge4j.onnx.TensorSequence q -> "sequence of " + q.size();
                default -> v.getClass().getSimpleName();
            });
        }
        return sb.append(')').toString();
    }
}
