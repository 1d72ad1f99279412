package dev.edge4j.onnx.conformance;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OptionalValue;
import dev.edge4j.onnx.TensorSequence;

/**
 * Compares a computed value with the expected one as the ONNX backend tests do: same type and
 * shape, integers and strings exactly, floating point within {@code atol + rtol * |expected|}
 * (NaN matching NaN). Returns null when they match, else what differs.
 */
public record Comparison(double rtol, double atol) {
    /** The ONNX backend test defaults. */
    public static final Comparison ONNX_DEFAULT = new Comparison(1e-3, 1e-7);

    public String compare(Object actual, Object expected) {
        if (expected instanceof Tensor e) {
            if (actual instanceof OptionalValue o && o.value() instanceof Tensor t) {
                actual = t;
            }
            if (!(actual instanceof Tensor a)) {
                return "expected a tensor, got " + describe(actual);
            }
            return tensors(a, e);
        }
        if (expected instanceof TensorSequence e) {
            if (actual instanceof OptionalValue o && o.value() instanceof TensorSequence s) {
                actual = s;
            }
            if (!(actual instanceof TensorSequence a)) {
                return "expected a sequence, got " + describe(actual);
            }
            if (a.size() != e.size()) {
                return "expected a sequence of " + e.size() + " tensors, got " + a.size();
            }
            for (int i = 0; i < e.size(); i++) {
                String d = tensors(a.get(i), e.get(i));
                if (d != null) {
                    return "sequence item " + i + ": " + d;
                }
            }
            return null;
        }
        if (expected instanceof OptionalValue e) {
            if (!(actual instanceof OptionalValue a)) {
                return "expected an optional, got " + describe(actual);
            }
            if (a.isPresent() != e.isPresent()) {
                return e.isPresent() ? "expected a value, got an empty optional" : "expected an empty optional";
            }
            return e.isPresent() ? compare(a.value(), e.value()) : null;
        }
        return "cannot compare " + describe(expected);
    }

    private String tensors(Tensor a, Tensor e) {
        if (a.dtype() != e.dtype()) {
            return "expected " + e.dtype() + ", got " + a.dtype();
        }
        if (!a.shape().equals(e.shape())) {
            return "expected shape " + e.shape() + ", got " + a.shape();
        }
        DType t = e.dtype();
        int n = e.size();
        if (t == DType.STRING) {
            for (int i = 0; i < n; i++) {
                if (!a.strings()[i].equals(e.strings()[i])) {
                    return "element " + i + ": expected \"" + e.strings()[i] + "\", got \"" + a.strings()[i] + "\"";
                }
            }
            return null;
        }
        if (t.isComplex()) {
            return a.contentEquals(e) ? null : "complex values differ";
        }
        if (t.isFloatingPoint()) {
            int worst = -1;
            double worstExcess = 0;
            int bad = 0;
            for (int i = 0; i < n; i++) {
                double x = a.getDouble(i);
                double y = e.getDouble(i);
                if (Double.isNaN(y) ? Double.isNaN(x) : x == y) {
                    continue;
                }
                double excess = Math.abs(x - y) - (atol + rtol * Math.abs(y));
                if (!(excess <= 0)) {
                    bad++;
                    if (worst < 0 || Double.isNaN(excess) || excess > worstExcess) {
                        worst = i;
                        worstExcess = Double.isNaN(excess) ? Double.POSITIVE_INFINITY : excess;
                    }
                }
            }
            if (worst >= 0) {
                return bad + " of " + n + " values differ; worst at " + worst + ": expected "
                        + e.getDouble(worst) + ", got " + a.getDouble(worst);
            }
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (a.getLong(i) != e.getLong(i)) {
                return "element " + i + ": expected " + e.getLong(i) + ", got " + a.getLong(i);
            }
        }
        return null;
    }

    private static String describe(Object v) {
        return switch (v) {
            case null -> "nothing";
            case Tensor t -> "a tensor " + t.dtype() + t.shape();
            case TensorSequence s -> "a sequence of " + s.size();
            case OptionalValue o -> o.isPresent() ? "an optional holding " + describe(o.value()) : "an empty optional";
            default -> v.getClass().getSimpleName();
        };
    }
}
