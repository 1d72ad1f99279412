package dev.edge4j.vision.runtime;

/**
 * An engine that can run the face models, found with {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/dev.edge4j.vision.runtime.EngineProvider}). Edge4j's own ONNX engine is
 * one; tests register a second one as the oracle to compare against.
 */
public interface EngineProvider {
    /** The name users pick the engine by, e.g. {@code edge4j}. */
    String name();

    /** A loader whose models run on {@code threads} threads. */
    ModelLoader loader(int threads);
}
