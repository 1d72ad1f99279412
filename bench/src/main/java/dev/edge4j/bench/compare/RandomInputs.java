package dev.edge4j.bench.compare;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.Dim;
import dev.edge4j.onnx.ValueInfo;
import dev.edge4j.onnx.ValueType;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Inputs for timing when none are given: floats uniform in [-1, 1), integers 0 or 1 (valid token
 * ids, masks and type ids alike), booleans true. Symbolic dimensions take the sizes given by name
 * and 1 otherwise.
 */
public final class RandomInputs {
    private RandomInputs() {}

    public static Tensor make(ValueInfo input, Map<String, Integer> dims, long seed) {
        if (!(input.type() instanceof ValueType.TensorType tt) || tt.dtype() == null || !tt.hasRank()) {
            throw new InvalidInputException("input '" + input.name() + "' is " + input.type()
                    + ": give it with --input NAME=FILE");
        }
        List<Dim> declared = tt.dims();
        int[] shape = new int[declared.size()];
        for (int i = 0; i < shape.length; i++) {
            Dim d = declared.get(i);
            if (d.isKnown()) {
                shape[i] = (int) d.value();
            } else {
                shape[i] = d.isSymbolic() ? dims.getOrDefault(d.symbol(), 1) : 1;
            }
        }
        Tensor t = Tensor.zeros(tt.dtype(), Shape.of(shape));
        SplittableRandom rnd = new SplittableRandom(seed);
        DType type = tt.dtype();
        for (int i = 0; i < t.size(); i++) {
            if (type.isFloatingPoint()) {
                t.setDouble(i, rnd.nextDouble(-1, 1));
            } else if (type == DType.BOOL) {
                t.setLong(i, 1);
            } else if (type.isInteger()) {
                t.setLong(i, rnd.nextInt(2));
            } else {
                throw new InvalidInputException("input '" + input.name() + "' is " + type
                        + ": give it with --input NAME=FILE");
            }
        }
        return t;
    }
}
