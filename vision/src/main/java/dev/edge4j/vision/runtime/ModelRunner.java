package dev.edge4j.vision.runtime;

import java.util.Map;

/**
 * Runs one loaded model: named float inputs in, named float outputs out. The face pipeline only
 * talks to models through this, so any engine (Edge4j's own, or another one in tests) can run them.
 * Implementations must allow {@link #run} from several threads at once.
 */
public interface ModelRunner extends AutoCloseable {
    /** Runs the model on {@code inputs} (by input name) and returns every output by name. */
    Map<String, FloatTensor> run(Map<String, FloatTensor> inputs);

    /** Runs a model that has one input and returns its outputs. */
    default Map<String, FloatTensor> run(String inputName, FloatTensor input) {
        return run(Map.of(inputName, input));
    }

    @Override
    default void close() {}
}
