package dev.edge4j.llm.tensor;

/**
 * Rounds inputs to the precision a weight type multiplies in, as floats: the batched (prompt)
 * path multiplies in floats, and rounding its inputs first makes it compute what the 8-bit and
 * half-precision kernels of single tokens compute, and what llama.cpp computes.
 */
final class InputRounding {
    private InputRounding() {}

    /** A per-thread 8-bit form, so rounding a prompt's inputs leaves no garbage. */
    private static final ThreadLocal<Activation.Int8> SCRATCH = ThreadLocal.withInitial(() -> new Activation.Int8(0));

    /** Rounds {@code n} values of {@code x} at {@code xo} per {@code format} into {@code out} at {@code oo}. */
    static void round(InputFormat format, float[] x, int xo, float[] out, int oo, int n) {
        switch (format) {
            case FLOAT -> System.arraycopy(x, xo, out, oo, n);
            case HALF -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Float.float16ToFloat(Float.floatToFloat16(x[xo + i]));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Half.bf16ToFloat(Half.floatToBf16(x[xo + i]));
                }
            }
            case Q8_0, Q8_K -> {
                Activation.Int8 q = SCRATCH.get();
                if (q.q.length < n) {
                    q = new Activation.Int8(n);
                    SCRATCH.set(q);
                }
                if (format == InputFormat.Q8_0) {
                    Activation.quantizeQ8_0(x, xo, n, q);
                } else {
                    Activation.quantizeQ8_K(x, xo, n, q);
                }
                // Block by block, so that the loop over a block's values vectorizes.
                for (int b = 0; b * Activation.BLOCK < n; b++) {
                    float scale = q.scale[b];
                    int from = b * Activation.BLOCK;
                    int to = Math.min(n, from + Activation.BLOCK);
                    for (int i = from; i < to; i++) {
                        out[oo + i] = q.q[i] * scale;
                    }
                }
            }
        }
    }
}
