package dev.edge4j.cli;

import dev.edge4j.bench.compare.RandomInputs;
import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OnnxModel;
import dev.edge4j.onnx.ValueInfo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Inputs for timing a model: the files given as NAME=FILE, random data for the rest. */
final class ModelInputs {
    private ModelInputs() {}

    static Map<String, Tensor> of(OnnxModel m, List<String> specs, Map<String, Integer> dims) {
        Map<String, Tensor> feeds = new LinkedHashMap<>();
        for (String spec : specs) {
            String[] kv = OnnxRunCommand.split(spec, m.inputs());
            ValueInfo info = m.inputs().stream().filter(i -> i.name().equals(kv[0])).findFirst()
                    .orElseThrow(() -> new InvalidInputException("the model has no input named '" + kv[0] + "'"));
            if (!(OnnxRunCommand.readValue(Path.of(kv[1]), info) instanceof Tensor t)) {
                throw new InvalidInputException("input '" + kv[0] + "' from " + kv[1] + " is not a tensor");
            }
            feeds.put(kv[0], t);
        }
        long seed = 1;
        for (ValueInfo in : m.inputs()) {
            if (!feeds.containsKey(in.name())) {
                feeds.put(in.name(), RandomInputs.make(in, dims, seed++));
            }
        }
        return feeds;
    }
}
