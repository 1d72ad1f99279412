package dev.edge4j.onnx;

import dev.edge4j.core.Parallel;

/**
 * How to load and run a model.
 *
 * @param parallel the thread pool kernels split their work over; null makes the model start its
 *     own pool with one thread per physical core (and close it on {@link OnnxModel#close()}). A
 *     pool passed here belongs to the caller, who closes it.
 * @param optimize whether to simplify the graph after loading (constant folding, fusions); the
 *     outputs are the same either way, within floating-point rounding
 */
public record OnnxOptions(Parallel parallel, boolean optimize) {

    /** Own thread pool, optimizations on. */
    public static OnnxOptions defaults() {
        return new OnnxOptions(null, true);
    }

    public OnnxOptions withParallel(Parallel pool) {
        return new OnnxOptions(pool, optimize);
    }

    public OnnxOptions withOptimize(boolean on) {
        return new OnnxOptions(parallel, on);
    }
}
