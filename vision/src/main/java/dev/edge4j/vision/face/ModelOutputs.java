package dev.edge4j.vision.face;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.vision.runtime.FloatTensor;
import java.util.Arrays;
import java.util.Map;

/** Checks that a model gave the outputs the pipeline expects, with messages that name them. */
final class ModelOutputs {
    private ModelOutputs() {}

    static FloatTensor require(Map<String, FloatTensor> outputs, String model, String name, int size) {
        FloatTensor t = outputs.get(name);
        if (t == null) {
            throw new ModelFormatException(model + " gave no output called \"" + name + "\" (it gave " + outputs.keySet() + ")");
        }
        if (t.size() != size) {
            throw new ModelFormatException(model + " output \"" + name + "\" has shape " + Arrays.toString(t.shape())
                    + ", expected " + size + " values");
        }
        return t;
    }

    /** The only output of a single-output model, whatever its name. */
    static FloatTensor single(Map<String, FloatTensor> outputs, String model, int size) {
        if (outputs.size() != 1) {
            throw new ModelFormatException(model + " should have one output, it has " + outputs.keySet());
        }
        String name = outputs.keySet().iterator().next();
        return require(outputs, model, name, size);
    }
}
