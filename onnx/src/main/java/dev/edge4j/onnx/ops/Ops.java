package dev.edge4j.onnx.ops;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OptionalValue;
import java.util.Arrays;

/** Small checks and conversions every op family uses. */
public final class Ops {
    private Ops() {}

    /** The inputs as tensors (null stays null; an empty optional reads as absent). */
    public static Tensor[] tensors(Object[] inputs) {
        Tensor[] t = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            Object v = inputs[i];
            if (v instanceof OptionalValue o) {
                v = o.value();
            }
            if (v == null || v instanceof Tensor) {
                t[i] = (Tensor) v;
            } else {
                throw new InvalidInputException("input " + i + " must be a tensor, got a "
                        + v.getClass().getSimpleName());
            }
        }
        return t;
    }

    /** Input {@code i}, which must be present. */
    public static Tensor input(Tensor[] in, int i, String what) {
        if (i >= in.length || in[i] == null) {
            throw new InvalidInputException("required input " + i + " (" + what + ") is missing");
        }
        return in[i];
    }

    /** Input {@code i} or null when absent. */
    public static Tensor optional(Tensor[] in, int i) {
        return i < in.length ? in[i] : null;
    }

    /** Normalizes a possibly negative axis against {@code rank}, or fails naming it. */
    public static int axis(long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw new InvalidInputException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    public static void requireRank(Tensor t, int rank, String what) {
        if (t.rank() != rank) {
            throw new InvalidInputException(what + " must have rank " + rank + ", got shape " + t.shape());
        }
    }

    public static void requireMinRank(Tensor t, int rank, String what) {
        if (t.rank() < rank) {
            throw new InvalidInputException(what + " must have rank at least " + rank + ", got shape "
                    + t.shape());
        }
    }

    public static void requireType(Tensor t, String what, DType... allowed) {
        for (DType d : allowed) {
            if (t.dtype() == d) {
                return;
            }
        }
        throw new InvalidInputException(what + " must be " + Arrays.toString(allowed) + ", got " + t.dtype());
    }

    public static void requireSameType(Tensor a, Tensor b, String what) {
        if (a.dtype() != b.dtype()) {
            throw new InvalidInputException(what + ": element types differ (" + a.dtype() + " and "
                    + b.dtype() + ")");
        }
    }

    public static void requireNumeric(Tensor t, String what) {
        if (!t.dtype().isNumeric()) {
            throw new InvalidInputException(what + " must be numeric, got " + t.dtype());
        }
    }

    /** An integer tensor's elements as longs. */
    public static long[] longs(Tensor t, String what) {
        if (!t.dtype().isInteger()) {
            throw new InvalidInputException(what + " must be an integer tensor, got " + t.dtype());
        }
        return t.toLongArray();
    }

    /** The single value of a one-element tensor as a long. */
    public static long scalarLong(Tensor t, String what) {
        if (t.size() != 1) {
            throw new InvalidInputException(what + " must hold one value, got shape " + t.shape());
        }
        return t.getLong(0);
    }

    public static double scalarDouble(Tensor t, String what) {
        if (t.size() != 1) {
            throw new InvalidInputException(what + " must hold one value, got shape " + t.shape());
        }
        return t.getDouble(0);
    }

    /** A dimension list from an int64 shape tensor. */
    public static int[] dims(long[] values, String what) {
        int[] d = new int[values.length];
        for (int i = 0; i < d.length; i++) {
            if (values[i] < 0 || values[i] > Integer.MAX_VALUE) {
                throw new InvalidInputException(what + " holds the invalid dimension " + values[i]);
            }
            d[i] = (int) values[i];
        }
        return d;
    }

    /**
     * True when the first input is a floating-point type other than float32 (float16, bfloat16,
     * float64): float32 kernels then run on widened copies, see {@link #widen} and {@link #narrow}.
     */
    public static boolean needsWidening(Tensor[] in) {
        return in.length > 0 && in[0] != null && in[0].dtype().isFloatingPoint() && in[0].dtype() != DType.FLOAT32;
    }

    /** The floating-point inputs converted to float32 (others unchanged). */
    public static Tensor[] widen(Tensor[] in) {
        Tensor[] out = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) {
            Tensor t = in[i];
            out[i] = t != null && t.dtype().isFloatingPoint() && t.dtype() != DType.FLOAT32
                    ? Tensor.wrap(DType.FLOAT32, t.shape(), t.toFloatArray()) : t;
        }
        return out;
    }

    /** A float32 result converted back to {@code type}. */
    public static Tensor narrow(Tensor t, DType type) {
        if (t.dtype() == type) {
            return t;
        }
        Tensor out = Tensor.zeros(type, t.shape());
        float[] f = t.floats();
        for (int i = 0; i < f.length; i++) {
            out.setDouble(i, f[i]);
        }
        return out;
    }

    /** Fails for an attribute value the op does not support (at load time). */
    public static UnsupportedValue unsupported(OpSpec spec, String detail) {
        return new UnsupportedValue(spec.describe() + ": " + detail + " is not supported");
    }

    public static ModelFormatException badModel(OpSpec spec, String detail) {
        return new ModelFormatException(spec.describe() + ": " + detail);
    }

    /** An attribute or input combination the engine does not run. */
    public static final class UnsupportedValue extends dev.edge4j.onnx.UnsupportedOpException {
        UnsupportedValue(String message) {
            super(message);
        }
    }
}
