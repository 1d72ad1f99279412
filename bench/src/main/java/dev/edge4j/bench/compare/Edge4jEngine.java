package dev.edge4j.bench.compare;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OnnxModel;
import java.util.LinkedHashMap;
import java.util.Map;

/** Edge4j's own engine on a loaded model. */
public final class Edge4jEngine implements Engine {
    private final OnnxModel model;
    private final Map<String, Tensor> feeds;

    public Edge4jEngine(OnnxModel model, Map<String, Tensor> feeds) {
        this.model = model;
        this.feeds = feeds;
    }

    public OnnxModel model() {
        return model;
    }

    @Override
    public String name() {
        return "edge4j";
    }

    @Override
    public void run() {
        model.run(feeds);
    }

    @Override
    public Map<String, Tensor> outputs() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        model.run(feeds).forEach((k, v) -> {
            if (v.dtype() == DType.FLOAT32) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Override
    public void close() {
        model.close();
    }
}
