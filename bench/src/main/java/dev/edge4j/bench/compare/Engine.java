package dev.edge4j.bench.compare;

import dev.edge4j.core.tensor.Tensor;
import java.util.Map;

/** One inference engine with a model loaded and its inputs prepared, ready to be timed. */
public interface Engine extends AutoCloseable {
    /** How the engine is named in reports: "edge4j", "onnxruntime". */
    String name();

    /** One run on the prepared inputs; the outputs are computed and dropped. */
    void run();

    /** One run whose float32 outputs come back by name, to check that the engines agree. */
    Map<String, Tensor> outputs();

    @Override
    void close();
}
