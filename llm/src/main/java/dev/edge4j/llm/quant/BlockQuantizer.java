package dev.edge4j.llm.quant;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Quantizes floats to the 32-value block formats (Q8_0, Q4_0, Q4_1) and to F16/BF16, following
 * ggml's reference quantizers step for step so files match what llama.cpp's tools write.
 */
final class BlockQuantizer {
    private BlockQuantizer() {}

    static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    static void putHalf(MemorySegment out, long at, float v) {
        out.set(SHORT_LE, at, Float.floatToFloat16(v));
    }

    static void putByte(MemorySegment out, long at, int v) {
        out.set(ValueLayout.JAVA_BYTE, at, (byte) v);
    }

    /** C's roundf: halves round away from zero. */
    static int roundf(float x) {
        return (int) Math.copySign(Math.floor(Math.abs((double) x) + 0.5), x);
    }

    /** {@code n} values (a multiple of 32) from {@code x[xo]} to Q8_0 blocks at {@code out[at]}. */
    static void q8_0(float[] x, int xo, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 32; b++) {
            int base = xo + b * 32;
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[base + j]));
            }
            float d = amax / 127f;
            float id = d != 0 ? 1f / d : 0f;
            long o = at + b * 34L;
            putHalf(out, o, d);
            for (int j = 0; j < 32; j++) {
                putByte(out, o + 2 + j, roundf(x[base + j] * id));
            }
        }
    }

    static void q4_0(float[] x, int xo, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 32; b++) {
            int base = xo + b * 32;
            float amax = 0;
            float max = 0;
            for (int j = 0; j < 32; j++) {
                float v = x[base + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8;
            float id = d != 0 ? 1f / d : 0f;
            long o = at + b * 18L;
            putHalf(out, o, d);
            for (int j = 0; j < 16; j++) {
                int q0 = Math.min(15, (int) (x[base + j] * id + 8.5f));
                int q1 = Math.min(15, (int) (x[base + 16 + j] * id + 8.5f));
                putByte(out, o + 2 + j, q0 | (q1 << 4));
            }
        }
    }

    static void q4_1(float[] x, int xo, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 32; b++) {
            int base = xo + b * 32;
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int j = 0; j < 32; j++) {
                float v = x[base + j];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            float d = (max - min) / 15;
            float id = d != 0 ? 1f / d : 0f;
            long o = at + b * 20L;
            putHalf(out, o, d);
            putHalf(out, o + 2, min);
            for (int j = 0; j < 16; j++) {
                int q0 = Math.min(15, (int) ((x[base + j] - min) * id + 0.5f));
                int q1 = Math.min(15, (int) ((x[base + 16 + j] - min) * id + 0.5f));
                putByte(out, o + 4 + j, q0 | (q1 << 4));
            }
        }
    }

    static void q5_0(float[] x, int xo, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 32; b++) {
            int base = xo + b * 32;
            float amax = 0;
            float max = 0;
            for (int j = 0; j < 32; j++) {
                float v = x[base + j];
                if (amax < Math.abs(v)) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -16;
            float id = d != 0 ? 1f / d : 0f;
            long o = at + b * 22L;
            putHalf(out, o, d);
            int qh = 0;
            for (int j = 0; j < 16; j++) {
                int q0 = Math.min(31, (int) (x[base + j] * id + 16.5f));
                int q1 = Math.min(31, (int) (x[base + 16 + j] * id + 16.5f));
                putByte(out, o + 6 + j, (q0 & 0x0F) | ((q1 & 0x0F) << 4));
                qh |= ((q0 & 0x10) >> 4) << j;
                qh |= ((q1 & 0x10) >> 4) << (j + 16);
            }
            out.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), o + 2, qh);
        }
    }

    static void q5_1(float[] x, int xo, int n, MemorySegment out, long at) {
        for (int b = 0; b < n / 32; b++) {
            int base = xo + b * 32;
            float min = Float.MAX_VALUE;
            float max = -Float.MAX_VALUE;
            for (int j = 0; j < 32; j++) {
                float v = x[base + j];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            float d = (max - min) / 31;
            float id = d != 0 ? 1f / d : 0f;
            long o = at + b * 24L;
            putHalf(out, o, d);
            putHalf(out, o + 2, min);
            int qh = 0;
            for (int j = 0; j < 16; j++) {
                int q0 = ((int) ((x[base + j] - min) * id + 0.5f)) & 0xFF;
                int q1 = ((int) ((x[base + 16 + j] - min) * id + 0.5f)) & 0xFF;
                putByte(out, o + 8 + j, (q0 & 0x0F) | ((q1 & 0x0F) << 4));
                qh |= ((q0 & 0x10) >> 4) << j;
                qh |= ((q1 & 0x10) >> 4) << (j + 16);
            }
            out.set(java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), o + 4, qh);
        }
    }

    static void f16(float[] x, int xo, int n, MemorySegment out, long at) {
        for (int i = 0; i < n; i++) {
            putHalf(out, at + 2L * i, x[xo + i]);
        }
    }

    static void bf16(float[] x, int xo, int n, MemorySegment out, long at) {
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToRawIntBits(x[xo + i]);
            short h;
            if ((bits & 0x7FFFFFFF) > 0x7F800000) {
                h = (short) ((bits >>> 16) | 64);
            } else {
                h = (short) ((bits + (0x7FFF + ((bits >>> 16) & 1))) >>> 16);
            }
            out.set(SHORT_LE, at + 2L * i, h);
        }
    }

    static void f32(float[] x, int xo, int n, MemorySegment out, long at) {
        MemorySegment.copy(x, xo, out, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), at, n);
    }
}
