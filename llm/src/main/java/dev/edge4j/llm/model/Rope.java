package dev.edge4j.llm.model;

/**
 * Rotary position embedding with precomputed angles. The angles follow ggml's recipe (float
 * arithmetic, each frequency the previous one times base^(-2/n)), so positions rotate exactly as
 * in llama.cpp; llama3 frequency factors divide the angles, linear scaling multiplies them.
 */
final class Rope {
    private final int pairs;
    private final int dims;
    private final RopeStyle style;
    private final float[] cos;
    private final float[] sin;

    Rope(ModelConfig c, float[] factors, int positions) {
        this.dims = c.ropeDims();
        this.pairs = dims / 2;
        this.style = c.ropeStyle();
        this.cos = new float[positions * pairs];
        this.sin = new float[positions * pairs];
        float thetaScale = (float) Math.pow(c.ropeBase(), -2.0 / dims);
        for (int p = 0; p < positions; p++) {
            float theta = p;
            for (int i = 0; i < pairs; i++) {
                float ff = factors != null ? factors[i] : 1f;
                float angle = c.ropeScale() * (theta / ff);
                cos[p * pairs + i] = (float) Math.cos(angle);
                sin[p * pairs + i] = (float) Math.sin(angle);
                theta *= thetaScale;
            }
        }
    }

    /** Rotates {@code heads} consecutive heads of {@code headDim} values at {@code x[offset]}, for position {@code pos}. */
    void apply(float[] x, int offset, int heads, int headDim, int pos) {
        int t = pos * pairs;
        for (int h = 0; h < heads; h++) {
            int base = offset + h * headDim;
            if (style == RopeStyle.NORMAL) {
                for (int i = 0; i < pairs; i++) {
                    float c = cos[t + i];
                    float s = sin[t + i];
                    float x0 = x[base + 2 * i];
                    float x1 = x[base + 2 * i + 1];
                    x[base + 2 * i] = x0 * c - x1 * s;
                    x[base + 2 * i + 1] = x0 * s + x1 * c;
                }
            } else {
                for (int i = 0; i < pairs; i++) {
                    float c = cos[t + i];
                    float s = sin[t + i];
                    float x0 = x[base + i];
                    float x1 = x[base + i + pairs];
                    x[base + i] = x0 * c - x1 * s;
                    x[base + i + pairs] = x0 * s + x1 * c;
                }
            }
        }
    }
}
