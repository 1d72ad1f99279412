package dev.edge4j.onnx.runtime;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.Dim;
import dev.edge4j.onnx.OptionalValue;
import dev.edge4j.onnx.TensorSequence;
import dev.edge4j.onnx.ValueType;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Runs a top-level {@link Plan} for callers: checks the fed values against the declared types,
 * fills a frame, executes it with a buffer pool borrowed for the run, and hands the outputs back.
 * Safe for concurrent runs.
 */
public final class Session {
    private final Plan plan;
    private final Parallel parallel;
    private final ConcurrentLinkedQueue<BufferPool> pools = new ConcurrentLinkedQueue<>();
    private final Set<Object> constantArrays = Collections.newSetFromMap(new IdentityHashMap<>());

    public Session(Plan plan, Parallel parallel) {
        this.plan = plan;
        this.parallel = parallel;
        for (Object c : plan.constantFrame) {
            if (c instanceof Tensor t) {
                constantArrays.add(t.data());
            }
        }
    }

    public Plan plan() {
        return plan;
    }

    /** Runs on named values; returns every graph output by name, in graph order. */
    public Map<String, Object> run(Map<String, ?> feeds) {
        return run(feeds, null);
    }

    /** A profile to pass to {@link #run(Map, Profile)}: one entry per node of the plan. */
    public Profile newProfile() {
        return plan.newProfile();
    }

    /** Like {@link #run(Map)}, timing every node into {@code profile} when it is not null. */
    public Map<String, Object> run(Map<String, ?> feeds, Profile profile) {
        long start = System.nanoTime();
        Object[] frame = plan.newFrame();
        Map<String, Long> symbols = new HashMap<>();
        for (Map.Entry<String, ?> e : feeds.entrySet()) {
            Integer slot = plan.feedSlots.get(e.getKey());
            if (slot == null) {
                throw new InvalidInputException("the model has no input named '" + e.getKey()
                        + "'; its inputs are: " + String.join(", ", plan.feedSlots.keySet()));
            }
            Object value = e.getValue();
            check(e.getKey(), value, plan.graph.types().get(e.getKey()), symbols);
            frame[slot] = value;
        }
        for (String name : plan.inputNames) {
            if (!feeds.containsKey(name)) {
                throw new InvalidInputException("input '" + name + "' is missing; the model needs "
                        + String.join(", ", plan.inputNames));
            }
        }
        BufferPool pool = pools.poll();
        if (pool == null) {
            pool = new BufferPool();
        }
        RunState state = new RunState(parallel, pool, profile != null);
        Object[] outputs;
        try {
            outputs = plan.execute(frame, state, profile);
        } finally {
            pools.add(pool);
        }
        if (profile != null) {
            profile.endRun(System.nanoTime() - start, state.peakBytes());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 0; i < outputs.length; i++) {
            Object v = outputs[i];
            state.release(v);
            if (v instanceof Tensor t && constantArrays.contains(t.data())) {
                v = t.copy(); // never hand out the model's own weights for the caller to modify
            }
            result.put(plan.outputNames.get(i), v);
        }
        return result;
    }

    private static void check(String name, Object value, ValueType declared, Map<String, Long> symbols) {
        if (value == null) {
            throw new InvalidInputException("input '" + name + "' is null");
        }
        if (declared == null) {
            return;
        }
        switch (declared) {
            case ValueType.TensorType tt -> {
                if (!(value instanceof Tensor t)) {
                    throw new InvalidInputException("input '" + name + "' must be a tensor " + tt
                            + ", got " + kind(value));
                }
                checkTensor(name, t, tt, symbols);
            }
            case ValueType.SequenceType st -> {
                if (!(value instanceof TensorSequence)) {
                    throw new InvalidInputException("input '" + name + "' must be a sequence, got "
                            + kind(value));
                }
            }
            case ValueType.OptionalType ot -> {
                if (!(value instanceof OptionalValue)) {
                    throw new InvalidInputException("input '" + name + "' must be an optional value, got "
                            + kind(value));
                }
            }
            case ValueType.MapType mt -> throw new InvalidInputException("input '" + name
                    + "' is a map; map inputs are not supported");
        }
    }

    private static void checkTensor(String name, Tensor t, ValueType.TensorType tt, Map<String, Long> symbols) {
        DType want = tt.dtype();
        if (want != null && t.dtype() != want) {
            throw new InvalidInputException("input '" + name + "' must be " + want + ", got "
                    + t.dtype() + " " + t.shape());
        }
        List<Dim> dims = tt.dims();
        if (dims == null) {
            return;
        }
        if (dims.size() != t.rank()) {
            throw new InvalidInputException("input '" + name + "' must have shape " + tt
                    + " (rank " + dims.size() + "), got " + t.shape());
        }
        for (int i = 0; i < dims.size(); i++) {
            Dim d = dims.get(i);
            long actual = t.shape().dim(i);
            if (d.isKnown() && d.value() != actual) {
                throw new InvalidInputException("input '" + name + "' must have shape " + tt
                        + ", got " + t.shape() + " (dimension " + i + " should be " + d.value() + ")");
            }
            if (d.isSymbolic()) {
                Long seen = symbols.putIfAbsent(d.symbol(), actual);
                if (seen != null && seen != actual) {
                    throw new InvalidInputException("input '" + name + "' has " + d.symbol() + " = "
                            + actual + " (dimension " + i + ") but another input has " + d.symbol()
                            + " = " + seen);
                }
            }
        }
    }

    private static String kind(Object v) {
        return switch (v) {
            case Tensor t -> "a tensor " + t.dtype() + t.shape();
            case TensorSequence s -> "a sequence";
            case OptionalValue o -> "an optional value";
            default -> v.getClass().getSimpleName();
        };
    }
}
