package dev.edge4j.vision.runtime;

import dev.edge4j.core.InvalidInputException;
import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order: what the vision pipeline hands to a model and gets
 * back. Kept apart from any engine's own tensor type so the pipeline does not care which engine
 * runs the model.
 */
public record FloatTensor(int[] shape, float[] data) {
    public FloatTensor {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new InvalidInputException("tensor shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            n *= d;
        }
        if (n != data.length) {
            throw new InvalidInputException("tensor shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    public static FloatTensor of(float[] data, int... shape) {
        return new FloatTensor(shape.clone(), data);
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }
}
