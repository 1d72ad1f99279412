package dev.edge4j.vision.runtime;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OnnxModel;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model on Edge4j's own ONNX engine. */
final class OnnxRunner implements ModelRunner {
    private final OnnxModel model;
    private final String name;
    private final Runnable onClose;

    OnnxRunner(OnnxModel model, String name, Runnable onClose) {
        this.model = model;
        this.name = name;
        this.onClose = onClose;
    }

    @Override
    public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
        Map<String, Tensor> feeds = new HashMap<>();
        for (Map.Entry<String, FloatTensor> e : inputs.entrySet()) {
            feeds.put(e.getKey(), Tensor.of(e.getValue().data(), e.getValue().shape()));
        }
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : model.run(feeds).entrySet()) {
            Tensor t = e.getValue();
            if (t.dtype() != DType.FLOAT32) {
                throw new ModelFormatException(name + " output \"" + e.getKey() + "\" is " + t.dtype()
                        + ", the face pipeline reads float outputs");
            }
            out.put(e.getKey(), new FloatTensor(t.dims(), t.floats()));
        }
        return out;
    }

    @Override
    public void close() {
        try {
            model.close();
        } finally {
            onClose.run();
        }
    }
}
