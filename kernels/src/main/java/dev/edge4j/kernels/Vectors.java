package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental functions on float vectors, each within a few ulps of the double-precision
 * function it stands for (checked in tests). exp and tanh come from the Vector API (the JDK's
 * intrinsic math); erf is a rational approximation (odd degree 13 over even degree 8, clamped at
 * |x| = 4 where float erf is ±1), max error under 1e-7.
 */
public final class Vectors {
    /** The species every float kernel uses: the widest the machine runs well. */
    public static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private static final float A1 = -1.60960333262415e-02f;
    private static final float A3 = -2.95459980854025e-03f;
    private static final float A5 = -7.34990630326855e-04f;
    private static final float A7 = -5.69250639462346e-05f;
    private static final float A9 = -2.10102402082508e-06f;
    private static final float A11 = 2.77068142495902e-08f;
    private static final float A13 = -2.72614225801306e-10f;
    private static final float B0 = -1.42647390514189e-02f;
    private static final float B2 = -7.37332916720468e-03f;
    private static final float B4 = -1.68282697438203e-03f;
    private static final float B6 = -2.13374055278905e-04f;
    private static final float B8 = -1.45660718464996e-05f;
    private static final float SQRT_HALF = 0.70710678118654752f;

    private Vectors() {}

    public static FloatVector exp(FloatVector x) {
        return x.lanewise(VectorOperators.EXP);
    }

    public static FloatVector tanh(FloatVector x) {
        return x.lanewise(VectorOperators.TANH);
    }

    /** 1 / (1 + exp(-x)). */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(x.species(), 1f);
        return one.div(x.neg().lanewise(VectorOperators.EXP).add(1f));
    }

    public static FloatVector erf(FloatVector in) {
        FloatVector x = in.max(-4f).min(4f);
        FloatVector x2 = x.mul(x);
        FloatVector p = x2.fma(A13, A11).fma(x2, FloatVector.broadcast(x.species(), A9));
        p = p.fma(x2, FloatVector.broadcast(x.species(), A7));
        p = p.fma(x2, FloatVector.broadcast(x.species(), A5));
        p = p.fma(x2, FloatVector.broadcast(x.species(), A3));
        p = p.fma(x2, FloatVector.broadcast(x.species(), A1)).mul(x);
        FloatVector q = x2.fma(B8, B6).fma(x2, FloatVector.broadcast(x.species(), B4));
        q = q.fma(x2, FloatVector.broadcast(x.species(), B2));
        q = q.fma(x2, FloatVector.broadcast(x.species(), B0));
        // NaN stays NaN: max/min above keep it, and so does the rational function.
        return p.div(q);
    }

    /** x * (1 + erf(x / sqrt 2)) / 2. */
    public static FloatVector gelu(FloatVector x) {
        return x.mul(erf(x.mul(SQRT_HALF)).add(1f)).mul(0.5f);
    }
}
