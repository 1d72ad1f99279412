package dev.edge4j.onnx.ops.math;

/** Functions {@link Math} lacks: erf and the inverse hyperbolic functions. */
public final class SpecialFunctions {
    private SpecialFunctions() {}

    /** The error function to about double precision (see {@link dev.edge4j.kernels.Erf}). */
    public static double erf(double x) {
        return dev.edge4j.kernels.Erf.reference(x);
    }

    public static double asinh(double x) {
        double a = Math.abs(x);
        return Math.copySign(Math.log(a + Math.sqrt(a * a + 1)), x);
    }

    public static double acosh(double x) {
        return Math.log(x + Math.sqrt(x * x - 1));
    }

    public static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }
}
