package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Transcendental functions on float vectors, each within a few ulps of the double-precision
 * function it stands for (checked in tests). exp is a range reduction and a polynomial; tanh
 * comes from the Vector API (the JDK's intrinsic math); erf is a rational approximation (odd
 * degree 13 over even degree 8, clamped at |x| = 4 where float erf is ±1), max error under 1e-7.
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

    // exp: inputs clamped where e^x is already 0 or infinite in float (keeps n in int range),
    // ln 2 in two parts for an exact reduction, Taylor-like coefficients fitted on |r| <= ln 2 / 2.
    private static final float EXP_LO = -104f;
    private static final float EXP_HI = 89f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND = 12582912f;
    private static final float E3 = 1.6666665459e-1f;
    private static final float E4 = 4.1665795894e-2f;
    private static final float E5 = 8.3334519073e-3f;
    private static final float E6 = 1.3981999507e-3f;
    private static final float E7 = 1.9875691500e-4f;

    private Vectors() {}

    /**
     * e^x as {@code 2^n * e^r}, n = round(x / ln 2), |r| <= ln 2 / 2, e^r by a degree-7 polynomial,
     * 2^n applied as two powers of two so that results near overflow and down in the subnormals
     * come out right; NaN stays NaN. Built from lane operations that are exact IEEE steps, so a
     * value is the same whether the JIT has compiled the caller or not (the Vector API's own EXP
     * is a different function before and after compilation).
     */
    public static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector n = xc.mul(LOG2E).add(ROUND).sub(ROUND);
        // n * LN2_HI is exact (LN2_HI has nine significant bits), so r loses nothing here.
        FloatVector r = n.mul(-LN2_HI).add(xc).add(n.mul(-LN2_LO));
        FloatVector p = r.fma(E7, E6);
        p = p.fma(r, FloatVector.broadcast(x.species(), E5));
        p = p.fma(r, FloatVector.broadcast(x.species(), E4));
        p = p.fma(r, FloatVector.broadcast(x.species(), E3));
        p = p.fma(r, FloatVector.broadcast(x.species(), 0.5f));
        p = p.mul(r.mul(r)).add(r).add(1f);
        IntVector ni = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector n1 = ni.lanewise(VectorOperators.ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    public static FloatVector tanh(FloatVector x) {
        return x.lanewise(VectorOperators.TANH);
    }

    /** 1 / (1 + exp(-x)). */
    public static FloatVector sigmoid(FloatVector x) {
        FloatVector one = FloatVector.broadcast(x.species(), 1f);
        return one.div(exp(x.neg()).add(1f));
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

    /**
     * The sum of the lanes, added from the first to the last. {@code reduceLanes(ADD)} adds in one
     * order before the JIT compiles its caller and in another after, which would make a run's
     * results depend in the last bit on how warm the code is.
     */
    public static float sumInOrder(FloatVector v) {
        float s = 0;
        // A loop over the constant lane count: compiled, it unrolls into lane extracts, no array.
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }
}
