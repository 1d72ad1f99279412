package dev.edge4j.llm.quant;

import static dev.edge4j.llm.quant.BlockQuantizer.putByte;
import static dev.edge4j.llm.quant.BlockQuantizer.putHalf;

import java.lang.foreign.MemorySegment;

/**
 * Quantizes floats to the K-quant formats (super-blocks of 256 values: Q4_K, Q5_K, Q6_K),
 * following ggml's reference quantizers (no importance matrix) step for step.
 */
final class KQuantizer {
    private KQuantizer() {}

    private static final float GROUP_MAX_EPS = 1e-15f;

    /** ggml's nearest_int: rounds to nearest, ties to even, through the float mantissa. */
    static int nearestInt(float v) {
        float val = v + 12582912f;
        return (Float.floatToRawIntBits(val) & 0x007FFFFF) - 0x00400000;
    }

    static float half(float v) {
        return Float.float16ToFloat(Float.floatToFloat16(v));
    }

    static void q4_K(float[] x, int xo, int n, MemorySegment out, long at) {
        qk(x, xo, n, out, at, 15, -1f, 20, 144);
    }

    static void q5_K(float[] x, int xo, int n, MemorySegment out, long at) {
        qk(x, xo, n, out, at, 31, -0.5f, 15, 176);
    }

    /** Q4_K and Q5_K: per sub-block scale and minimum, then 6-bit scales of those. */
    private static void qk(float[] x, int xo, int n, MemorySegment out, long at, int nmax, float rmin, int nstep, int blockBytes) {
        int[] l = new int[256];
        int[] laux = new int[32];
        float[] weights = new float[32];
        float[] mins = new float[8];
        float[] scales = new float[8];
        float[] theMin = new float[1];
        for (int i = 0; i < n / 256; i++) {
            int base = xo + 256 * i;
            long o = at + (long) blockBytes * i;
            float maxScale = 0;
            float maxMin = 0;
            for (int j = 0; j < 8; j++) {
                float sumX2 = 0;
                for (int k = 0; k < 32; k++) {
                    sumX2 += x[base + 32 * j + k] * x[base + 32 * j + k];
                }
                float avX = (float) Math.sqrt(sumX2 / 32);
                for (int k = 0; k < 32; k++) {
                    weights[k] = avX + Math.abs(x[base + 32 * j + k]);
                }
                scales[j] = makeQkx2Quants(32, nmax, x, base + 32 * j, weights, l, 32 * j, theMin, laux, rmin, 0.1f, nstep);
                mins[j] = theMin[0];
                maxScale = Math.max(maxScale, scales[j]);
                maxMin = Math.max(maxMin, mins[j]);
            }
            float invScale = maxScale > 0 ? 63f / maxScale : 0f;
            float invMin = maxMin > 0 ? 63f / maxMin : 0f;
            byte[] packed = new byte[12];
            for (int j = 0; j < 8; j++) {
                int ls = Math.min(63, nearestInt(invScale * scales[j]) & 0xFF);
                int lm = Math.min(63, nearestInt(invMin * mins[j]) & 0xFF);
                if (j < 4) {
                    packed[j] = (byte) ls;
                    packed[j + 4] = (byte) lm;
                } else {
                    packed[j + 4] = (byte) ((ls & 0xF) | ((lm & 0xF) << 4));
                    packed[j - 4] |= (byte) ((ls >> 4) << 6);
                    packed[j] |= (byte) ((lm >> 4) << 6);
                }
            }
            putHalf(out, o, maxScale / 63f);
            putHalf(out, o + 2, maxMin / 63f);
            MemorySegment.copy(packed, 0, out, java.lang.foreign.ValueLayout.JAVA_BYTE, o + 4, 12);
            float d0 = half(maxScale / 63f);
            float dmin0 = half(maxMin / 63f);
            for (int j = 0; j < 8; j++) {
                int sc = scale(packed, j);
                int m = min(packed, j);
                float d = d0 * sc;
                if (d == 0) {
                    continue;
                }
                float dm = dmin0 * m;
                for (int ii = 0; ii < 32; ii++) {
                    int q = nearestInt((x[base + 32 * j + ii] + dm) / d);
                    l[32 * j + ii] = Math.max(0, Math.min(nmax, q));
                }
            }
            if (nmax == 15) {
                for (int j = 0; j < 256; j += 64) {
                    for (int k = 0; k < 32; k++) {
                        putByte(out, o + 16 + j / 2 + k, l[j + k] | (l[j + k + 32] << 4));
                    }
                }
            } else {
                byte[] qh = new byte[32];
                int m1 = 1;
                int m2 = 2;
                for (int nn = 0; nn < 256; nn += 64) {
                    for (int j = 0; j < 32; j++) {
                        int l1 = l[nn + j];
                        if (l1 > 15) {
                            l1 -= 16;
                            qh[j] |= (byte) m1;
                        }
                        int l2 = l[nn + j + 32];
                        if (l2 > 15) {
                            l2 -= 16;
                            qh[j] |= (byte) m2;
                        }
                        putByte(out, o + 48 + nn / 2 + j, l1 | (l2 << 4));
                    }
                    m1 <<= 2;
                    m2 <<= 2;
                }
                MemorySegment.copy(qh, 0, out, java.lang.foreign.ValueLayout.JAVA_BYTE, o + 16, 32);
            }
            java.util.Arrays.fill(l, 0);
        }
    }

    static int scale(byte[] q, int j) {
        return j < 4 ? q[j] & 63 : (q[j + 4] & 0xF) | (((q[j - 4] & 0xFF) >> 6) << 4);
    }

    static int min(byte[] q, int j) {
        return j < 4 ? q[j + 4] & 63 : ((q[j + 4] & 0xFF) >> 4) | (((q[j] & 0xFF) >> 6) << 4);
    }

    private static float makeQkx2Quants(int n, int nmax, float[] x, int xo, float[] weights, int[] l, int lo,
                                        float[] theMin, int[] laux, float rmin, float rdelta, int nstep) {
        float min = x[xo];
        float max = x[xo];
        float sumW = weights[0];
        float sumX = sumW * x[xo];
        for (int i = 1; i < n; i++) {
            if (x[xo + i] < min) {
                min = x[xo + i];
            }
            if (x[xo + i] > max) {
                max = x[xo + i];
            }
            float w = weights[i];
            sumW += w;
            sumX += w * x[xo + i];
        }
        if (min > 0) {
            min = 0;
        }
        if (max == min) {
            for (int i = 0; i < n; i++) {
                l[lo + i] = 0;
            }
            theMin[0] = -min;
            return 0f;
        }
        float iscale = nmax / (max - min);
        float scale = 1 / iscale;
        float bestError = 0;
        for (int i = 0; i < n; i++) {
            int q = nearestInt(iscale * (x[xo + i] - min));
            l[lo + i] = Math.max(0, Math.min(nmax, q));
            float diff = scale * l[lo + i] + min - x[xo + i];
            bestError += weights[i] * (diff * diff);
        }
        for (int is = 0; is <= nstep; is++) {
            iscale = (rmin + rdelta * is + nmax) / (max - min);
            float sumL = 0;
            float sumL2 = 0;
            float sumXl = 0;
            for (int i = 0; i < n; i++) {
                int q = Math.max(0, Math.min(nmax, nearestInt(iscale * (x[xo + i] - min))));
                laux[i] = q;
                float w = weights[i];
                sumL += w * q;
                sumL2 += w * q * q;
                sumXl += w * q * x[xo + i];
            }
            float det = sumW * sumL2 - sumL * sumL;
            if (det > 0) {
                float thisScale = (sumW * sumXl - sumX * sumL) / det;
                float thisMin = (sumL2 * sumX - sumL * sumXl) / det;
                if (thisMin > 0) {
                    thisMin = 0;
                    thisScale = sumXl / sumL2;
                }
                float curError = 0;
                for (int i = 0; i < n; i++) {
                    float diff = thisScale * laux[i] + thisMin - x[xo + i];
                    curError += weights[i] * (diff * diff);
                }
                if (curError < bestError) {
                    System.arraycopy(laux, 0, l, lo, n);
                    bestError = curError;
                    scale = thisScale;
                    min = thisMin;
                }
            }
        }
        theMin[0] = -min;
        return scale;
    }

    static void q6_K(float[] x, int xo, int n, MemorySegment out, long at) {
        int[] l = new int[256];
        float[] scales = new float[16];
        for (int i = 0; i < n / 256; i++) {
            int base = xo + 256 * i;
            long o = at + 210L * i;
            float maxScale = 0;
            float maxAbsScale = 0;
            for (int ib = 0; ib < 16; ib++) {
                float scale = makeQxQuants(16, 32, x, base + 16 * ib, l, 16 * ib);
                scales[ib] = scale;
                float abs = Math.abs(scale);
                if (abs > maxAbsScale) {
                    maxAbsScale = abs;
                    maxScale = scale;
                }
            }
            if (maxAbsScale < GROUP_MAX_EPS) {
                out.asSlice(o, 210).fill((byte) 0);
                continue;
            }
            float iscale = -128f / maxScale;
            putHalf(out, o + 208, 1 / iscale);
            byte[] sc = new byte[16];
            for (int ib = 0; ib < 16; ib++) {
                sc[ib] = (byte) Math.min(127, nearestInt(iscale * scales[ib]));
            }
            MemorySegment.copy(sc, 0, out, java.lang.foreign.ValueLayout.JAVA_BYTE, o + 192, 16);
            float d0 = half(1 / iscale);
            for (int j = 0; j < 16; j++) {
                float d = d0 * sc[j];
                if (d == 0) {
                    continue;
                }
                for (int ii = 0; ii < 16; ii++) {
                    int q = nearestInt(x[base + 16 * j + ii] / d);
                    l[16 * j + ii] = Math.max(-32, Math.min(31, q)) + 32;
                }
            }
            for (int j = 0; j < 256; j += 128) {
                long ql = o + j / 2;
                long qh = o + 128 + j / 4;
                for (int k = 0; k < 32; k++) {
                    int q1 = l[j + k] & 0xF;
                    int q2 = l[j + k + 32] & 0xF;
                    int q3 = l[j + k + 64] & 0xF;
                    int q4 = l[j + k + 96] & 0xF;
                    putByte(out, ql + k, q1 | (q3 << 4));
                    putByte(out, ql + k + 32, q2 | (q4 << 4));
                    putByte(out, qh + k, (l[j + k] >> 4) | ((l[j + k + 32] >> 4) << 2)
                            | ((l[j + k + 64] >> 4) << 4) | ((l[j + k + 96] >> 4) << 6));
                }
            }
        }
    }

    /** ggml's make_qx_quants with rmse_type 1 (weights x^2) and no importance matrix. */
    private static float makeQxQuants(int n, int nmax, float[] x, int xo, int[] l, int lo) {
        float max = 0;
        float amax = 0;
        for (int i = 0; i < n; i++) {
            float ax = Math.abs(x[xo + i]);
            if (ax > amax) {
                amax = ax;
                max = x[xo + i];
            }
        }
        if (amax < GROUP_MAX_EPS) {
            for (int i = 0; i < n; i++) {
                l[lo + i] = 0;
            }
            return 0f;
        }
        float iscale = -nmax / max;
        float sumlx = 0;
        float suml2 = 0;
        for (int i = 0; i < n; i++) {
            int q = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * x[xo + i])));
            l[lo + i] = q + nmax;
            float w = x[xo + i] * x[xo + i];
            sumlx += w * x[xo + i] * q;
            suml2 += w * q * q;
        }
        float scale = suml2 != 0 ? sumlx / suml2 : 0f;
        float best = scale * sumlx;
        for (int is = -9; is <= 9; is++) {
            if (is == 0) {
                continue;
            }
            iscale = -(nmax + 0.1f * is) / max;
            sumlx = 0;
            suml2 = 0;
            for (int i = 0; i < n; i++) {
                int q = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * x[xo + i])));
                float w = x[xo + i] * x[xo + i];
                sumlx += w * x[xo + i] * q;
                suml2 += w * q * q;
            }
            if (suml2 > 0 && sumlx * sumlx > best * suml2) {
                for (int i = 0; i < n; i++) {
                    int q = Math.max(-nmax, Math.min(nmax - 1, nearestInt(iscale * x[xo + i])));
                    l[lo + i] = nmax + q;
                }
                scale = sumlx / suml2;
                best = scale * sumlx;
            }
        }
        return scale;
    }
}
