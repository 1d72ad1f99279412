package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.FloatFormats;
import dev.edge4j.core.tensor.Tensor;
import java.math.BigDecimal;

/**
 * Element type conversion as ONNX's Cast defines it: floats to integers truncate toward zero,
 * anything to bool is "not zero", numbers to strings print like NumPy, strings parse as numbers
 * ("inf", "NaN" included), and narrow floats saturate unless told not to.
 */
public final class Cast {
    private Cast() {}

    public static Tensor convert(Tensor x, DType to, boolean saturate) {
        DType from = x.dtype();
        if (from == to) {
            return x;
        }
        if (from.isComplex() || to.isComplex()) {
            throw new InvalidInputException("casts from or to complex types are not supported");
        }
        int n = x.size();
        Tensor out = Tensor.zeros(to, x.shape());
        if (to == DType.STRING) {
            String[] s = out.strings();
            for (int i = 0; i < n; i++) {
                s[i] = from.isFloatingPoint() ? formatFloat(x.getDouble(i), from)
                        : from == DType.BOOL ? (x.booleans()[i] ? "True" : "False")
                        : from == DType.UINT64 ? Long.toUnsignedString(x.getLong(i))
                        : Long.toString(x.getLong(i));
            }
            return out;
        }
        if (from == DType.STRING) {
            String[] s = x.strings();
            for (int i = 0; i < n; i++) {
                store(out, i, parse(s[i]), saturate);
            }
            return out;
        }
        if (to == DType.FLOAT32 && from.isInteger()) {
            float[] o = out.floats();
            for (int i = 0; i < n; i++) {
                o[i] = from == DType.UINT64 ? (float) x.getDouble(i) : (float) x.getLong(i);
            }
            return out;
        }
        if (to.isInteger() && from.isInteger()) {
            for (int i = 0; i < n; i++) {
                out.setLong(i, x.getLong(i));
            }
            return out;
        }
        if (to == DType.BOOL) {
            boolean[] o = out.booleans();
            for (int i = 0; i < n; i++) {
                o[i] = from.isFloatingPoint() ? x.getDouble(i) != 0 : x.getLong(i) != 0;
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            store(out, i, from.isInteger() && from != DType.UINT64 ? x.getLong(i) : x.getDouble(i), saturate);
        }
        return out;
    }

    private static void store(Tensor out, int i, double v, boolean saturate) {
        DType to = out.dtype();
        if (to.isInteger()) {
            out.setLong(i, toInteger(v, to));
        } else if (to == DType.BOOL) {
            out.booleans()[i] = v != 0;
        } else if (to.carrier() == DType.Carrier.BYTE) {
            out.bytes()[i] = FloatFormats.encodeSmall(to, (float) v, saturate);
        } else {
            out.setDouble(i, v);
        }
    }

    /** C-style conversion: truncate toward zero, then wrap to the target width. */
    private static long toInteger(double v, DType to) {
        if (Double.isNaN(v)) {
            return to == DType.INT64 ? Long.MIN_VALUE : 0;
        }
        if (to == DType.UINT64 && v >= 9.223372036854775807E18) {
            return ((long) (v / 2)) << 1;
        }
        return (long) v;
    }

    private static double parse(String s) {
        String t = s.strip();
        switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan", "+nan", "-nan" -> {
                return Double.NaN;
            }
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                try {
                    return Double.parseDouble(t);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("cannot cast the string \"" + s + "\" to a number");
                }
            }
        }
    }

    /**
     * Formats like NumPy's str() of a float32/float64: the shortest digits that read back as the
     * same value, positional between 1e-4 and 1e16, scientific ({@code 1e-05}) outside.
     */
    static String formatFloat(double v, DType from) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "INF" : "-INF";
        }
        String shortest = from == DType.FLOAT64 ? Double.toString(v) : Float.toString((float) v);
        BigDecimal d = new BigDecimal(shortest);
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-4 && a < 1e16)) {
            String p = d.stripTrailingZeros().toPlainString();
            return p.contains(".") ? p : p + ".0";
        }
        BigDecimal unscaled = d.stripTrailingZeros();
        int exp = unscaled.precision() - unscaled.scale() - 1;
        String digits = unscaled.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
