package dev.edge4j.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise binary float32 arithmetic over runs of a broadcast: {@code out[o+i] = a[pa+i*sa] op
 * b[pb+i*sb]} with strides 0 (a broadcast scalar) or 1 (contiguous). The contiguous and
 * scalar-operand cases use the Vector API; {@link #reference} is the plain loop they must match.
 */
public enum BinaryF32 {
    ADD, SUB, MUL, DIV, MAX, MIN,
    /** x where x >= 0, else x * y (y is the slope). */
    PRELU;

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** The plain scalar definition. */
    public float apply(float x, float y) {
        return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.max(x, y);
            case MIN -> Float.isNaN(x) || Float.isNaN(y) ? Float.NaN : Math.min(x, y);
            case PRELU -> x < 0 ? x * y : x;
        };
    }

    /** The scalar reference of {@link #run}. */
    public void reference(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] out, int o, int n) {
        for (int i = 0; i < n; i++) {
            out[o + i] = apply(a[pa + i * sa], b[pb + i * sb]);
        }
    }

    private static void prelu(float[] a, int pa, float[] b, int pb, int sb, float[] out, int o, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        FloatVector zero = FloatVector.zero(S);
        for (; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, pa + i);
            FloatVector y = sb == 0 ? FloatVector.broadcast(S, b[pb]) : FloatVector.fromArray(S, b, pb + i);
            x.blend(x.mul(y), x.compare(VectorOperators.LT, zero)).intoArray(out, o + i);
        }
        for (; i < n; i++) {
            float x = a[pa + i];
            out[o + i] = x < 0 ? x * b[pb + i * sb] : x;
        }
    }

    /** Computes {@code n} outputs; strides must be 0 or 1. */
    public void run(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] out, int o, int n) {
        if (n < S.length() || sa > 1 || sb > 1 || this == PRELU) {
            if (this == PRELU && n >= S.length() && sa == 1) {
                prelu(a, pa, b, pb, sb, out, o, n);
                return;
            }
            reference(a, pa, sa, b, pb, sb, out, o, n);
            return;
        }
        // One loop per operator: the Vector API compiles an operator only when it is a constant.
        switch (this) {
            case ADD -> add(a, pa, sa, b, pb, sb, out, o, n);
            case SUB -> sub(a, pa, sa, b, pb, sb, out, o, n);
            case MUL -> mul(a, pa, sa, b, pb, sb, out, o, n);
            case DIV -> div(a, pa, sa, b, pb, sb, out, o, n);
            default -> {
                for (int i = 0; i < n; i++) {
                    out[o + i] = apply(a[pa + i * sa], b[pb + i * sb]);
                }
            }
        }
    }

    private static void add(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] out, int o, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (sa == 1 && sb == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, pa + i).add(FloatVector.fromArray(S, b, pb + i)).intoArray(out, o + i);
            }
        } else if (sa == 1) {
            float y = b[pb];
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, pa + i).add(y).intoArray(out, o + i);
            }
        } else if (sb == 1) {
            float x = a[pa];
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, b, pb + i).add(x).intoArray(out, o + i);
            }
        }
        for (; i < n; i++) {
            out[o + i] = a[pa + i * sa] + b[pb + i * sb];
        }
    }

    private static void sub(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] out, int o, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (sa == 1 && sb == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, pa + i).sub(FloatVector.fromArray(S, b, pb + i)).intoArray(out, o + i);
            }
        } else if (sa == 1) {
            float y = b[pb];
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, pa + i).sub(y).intoArray(out, o + i);
            }
        } else if (sb == 1) {
            FloatVector x = FloatVector.broadcast(S, a[pa]);
            for (; i < bound; i += S.length()) {
                x.sub(FloatVector.fromArray(S, b, pb + i)).intoArray(out, o + i);
            }
        }
        for (; i < n; i++) {
            out[o + i] = a[pa + i * sa] - b[pb + i * sb];
        }
    }

    private static void mul(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] out, int o, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (sa == 1 && sb == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, pa + i).mul(FloatVector.fromArray(S, b, pb + i)).intoArray(out, o + i);
            }
        } else if (sa == 1) {
            float y = b[pb];
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, pa + i).mul(y).intoArray(out, o + i);
            }
        } else if (sb == 1) {
            float x = a[pa];
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, b, pb + i).mul(x).intoArray(out, o + i);
            }
        }
        for (; i < n; i++) {
            out[o + i] = a[pa + i * sa] * b[pb + i * sb];
        }
    }

    private static void div(float[] a, int pa, int sa, float[] b, int pb, int sb, float[] out, int o, int n) {
        int i = 0;
        int bound = S.loopBound(n);
        if (sa == 1 && sb == 1) {
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, pa + i).div(FloatVector.fromArray(S, b, pb + i)).intoArray(out, o + i);
            }
        } else if (sa == 1) {
            float y = b[pb];
            for (; i < bound; i += S.length()) {
                FloatVector.fromArray(S, a, pa + i).div(y).intoArray(out, o + i);
            }
        } else if (sb == 1) {
            FloatVector x = FloatVector.broadcast(S, a[pa]);
            for (; i < bound; i += S.length()) {
                x.div(FloatVector.fromArray(S, b, pb + i)).intoArray(out, o + i);
            }
        }
        for (; i < n; i++) {
            out[o + i] = a[pa + i * sa] / b[pb + i * sb];
        }
    }
}
