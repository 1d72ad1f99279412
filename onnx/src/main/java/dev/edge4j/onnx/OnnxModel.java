package dev.edge4j.onnx;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.analyse.ShapeInference;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.load.ModelReader;
import dev.edge4j.onnx.ops.OpRegistry;
import dev.edge4j.onnx.passes.GradientLowering;
import dev.edge4j.onnx.passes.Optimizer;
import dev.edge4j.onnx.runtime.Compiler;
import dev.edge4j.onnx.runtime.Profile;
import dev.edge4j.onnx.runtime.Session;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded ONNX model, ready to run.
 *
 * <pre>{@code
 * try (OnnxModel m = OnnxModel.load(Path.of("model.onnx"))) {
 *     Map<String, Tensor> out = m.run(Map.of("input", Tensor.of(pixels, 1, 3, 112, 112)));
 * }
 * }</pre>
 *
 * <p>Loading reads the file, checks it, simplifies the graph (unless
 * {@link OnnxOptions#optimize()} is off) and builds every node's kernel; {@link #run} may then be
 * called from several threads at once. Closing releases the model's own thread pool.
 */
public final class OnnxModel implements AutoCloseable {
    private final Session session;
    private final Graph graph;
    private final List<ValueInfo> inputs;
    private final List<ValueInfo> outputs;
    private final long irVersion;
    private final Map<String, Integer> opsets;
    private final String producer;
    private final Parallel parallel;
    private final boolean ownsParallel;
    private volatile boolean closed;

    private OnnxModel(ModelReader.LoadedModel loaded, OnnxOptions options) {
        Graph g = loaded.graph();
        this.inputs = infos(g, g.inputs());
        this.outputs = infos(g, g.outputs());
        GradientLowering.apply(g);
        ShapeInference.infer(g);
        if (options.optimize()) {
            Optimizer.optimize(g);
        }
        this.graph = g;
        this.irVersion = loaded.irVersion();
        this.opsets = Collections.unmodifiableMap(new LinkedHashMap<>(loaded.opsets()));
        this.producer = loaded.producer();
        this.ownsParallel = options.parallel() == null;
        this.parallel = ownsParallel ? Parallel.ofPhysicalCores() : options.parallel();
        try {
            this.session = new Session(new Compiler(OpRegistry.standard()).compile(g), parallel);
        } catch (RuntimeException e) {
            if (ownsParallel) {
                parallel.close();
            }
            throw e;
        }
    }

    /** Loads a model with default options (own thread pool, optimizations on). */
    public static OnnxModel load(Path path) {
        return load(path, OnnxOptions.defaults());
    }

    public static OnnxModel load(Path path, OnnxOptions options) {
        return new OnnxModel(ModelReader.read(path), options);
    }

    /** Loads a model held in memory (it cannot use external data files). */
    public static OnnxModel load(byte[] model, OnnxOptions options) {
        return new OnnxModel(ModelReader.read(model, "the model"), options);
    }

    /** The values a caller feeds, with their declared types (symbolic dimensions by name). */
    public List<ValueInfo> inputs() {
        return inputs;
    }

    public List<ValueInfo> outputs() {
        return outputs;
    }

    public long irVersion() {
        return irVersion;
    }

    /** Imported operator sets: domain ("" for ONNX's own) to version. */
    public Map<String, Integer> opsets() {
        return opsets;
    }

    public String producer() {
        return producer;
    }

    /** The graph as it runs (after optimization when on). Read it; do not change it. */
    public Graph graph() {
        return graph;
    }

    /**
     * Runs the model on tensors by input name and returns every output by name. Fails with an
     * {@link InvalidInputException} for an unknown or missing input name, or a value of the wrong
     * element type or shape, and with a {@link NodeFailedException} naming the node that could
     * not compute.
     */
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        Map<String, Object> all = runValues(feeds);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : all.entrySet()) {
            if (!(e.getValue() instanceof Tensor t)) {
                throw new InvalidInputException("output '" + e.getKey() + "' is not a tensor; use runValues");
            }
            out.put(e.getKey(), t);
        }
        return out;
    }

    /**
     * Like {@link #run}, for models whose inputs or outputs are sequences
     * ({@link TensorSequence}) or optionals ({@link OptionalValue}).
     */
    public Map<String, Object> runValues(Map<String, ?> feeds) {
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
        return session.run(feeds);
    }

    /**
     * Runs the model {@code runs} times on {@code feeds} and returns where the time went: per
     * node and per operator type, with the arithmetic each did and the peak tensor memory of a run.
     */
    public Profile profile(Map<String, ?> feeds, int runs) {
        if (closed) {
            throw new IllegalStateException("the model is closed");
        }
        Profile p = session.newProfile();
        for (int i = 0; i < runs; i++) {
            session.run(feeds, p);
        }
        return p;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (ownsParallel) {
                parallel.close();
            }
        }
    }

    private static List<ValueInfo> infos(Graph g, List<String> names) {
        List<ValueInfo> list = new ArrayList<>();
        for (String n : names) {
            list.add(new ValueInfo(n, g.types().getOrDefault(n, new ValueType.TensorType(null, null))));
        }
        return Collections.unmodifiableList(list);
    }
}
