package dev.edge4j.vision.runtime;

import java.nio.file.Path;

/** Opens a model file (ONNX) as a {@link ModelRunner}; one per engine. */
@FunctionalInterface
public interface ModelLoader {
    ModelRunner load(Path model);
}
