package dev.edge4j.vision.testing;

import dev.edge4j.vision.runtime.EngineProvider;
import dev.edge4j.vision.runtime.ModelLoader;

/** Registers ONNX Runtime as the engine {@code onnxruntime} on the test class path. */
public final class OrtEngineProvider implements EngineProvider {
    public static final String NAME = "onnxruntime";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelLoader loader(int threads) {
        return model -> new OrtRunner(model, threads);
    }
}
