package dev.edge4j.core.tensor;

/**
 * Conversions between {@code float} and the narrow floating-point formats ONNX knows: float16,
 * bfloat16, the four float8 variants, float4 e2m1 and the exponent-only e8m0.
 *
 * <p>Encoding rounds to nearest, ties to even, and saturates values beyond the largest finite
 * number to it (ONNX Cast's default); the 8- and 4-bit formats are encoded by searching their
 * sorted table of values, which is exact and needs no per-format bit tricks.
 */
public final class FloatFormats {
    private FloatFormats() {}

    public static float fromFloat16(short bits) {
        return Float.float16ToFloat(bits);
    }

    public static short toFloat16(float f) {
        return Float.floatToFloat16(f);
    }

    public static float fromBfloat16(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    /** Rounds to nearest even, as PyTorch and NumPy's ml_dtypes do. */
    public static short toBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7fff + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    /** The value of an 8- or 4-bit float of type {@code type} held in the low bits of {@code b}. */
    public static float decodeSmall(DType type, int b) {
        return table(type).decode[b & (table(type).decode.length - 1)];
    }

    /** The bits of the 8- or 4-bit float nearest to {@code f}, saturating out-of-range values. */
    public static byte encodeSmall(DType type, float f) {
        return table(type).encode(f, true);
    }

    /** As {@link #encodeSmall} with a choice: out-of-range values become infinity or NaN when not saturating. */
    public static byte encodeSmall(DType type, float f, boolean saturate) {
        return table(type).encode(f, saturate);
    }

    private static Table table(DType type) {
        return switch (type) {
            case FLOAT8E4M3FN -> Tables.E4M3FN;
            case FLOAT8E4M3FNUZ -> Tables.E4M3FNUZ;
            case FLOAT8E5M2 -> Tables.E5M2;
            case FLOAT8E5M2FNUZ -> Tables.E5M2FNUZ;
            case FLOAT4E2M1 -> Tables.E2M1;
            case FLOAT8E8M0 -> Tables.E8M0;
            default -> throw new IllegalArgumentException(type + " is not an 8- or 4-bit float");
        };
    }

    private static final class Tables {
        static final Table E4M3FN = Table.minifloat(4, 3, 7, Special.FN);
        static final Table E4M3FNUZ = Table.minifloat(4, 3, 8, Special.FNUZ);
        static final Table E5M2 = Table.minifloat(5, 2, 15, Special.IEEE);
        static final Table E5M2FNUZ = Table.minifloat(5, 2, 16, Special.FNUZ);
        static final Table E2M1 = Table.minifloat(2, 1, 1, Special.NONE);
        static final Table E8M0 = Table.e8m0();
    }

    /** How a format spends its top codes: IEEE infinities, FN's single NaN, FNUZ's NaN at -0, or none. */
    private enum Special { IEEE, FN, FNUZ, NONE }

    private static final class Table {
        final float[] decode;
        final float[] positives;   // finite values >= 0, ascending
        final int[] positiveCodes;
        final int signBit;
        final int nanCode;
        final int infCode;          // -1 when the format has no infinity
        final float max;

        private Table(float[] decode, int signBit, int nanCode, int infCode) {
            this.decode = decode;
            this.signBit = signBit;
            this.nanCode = nanCode;
            this.infCode = infCode;
            int count = 0;
            for (int c = 0; c < decode.length; c++) {
                if ((c & signBit) == 0 && Float.isFinite(decode[c])) {
                    count++;
                }
            }
            positives = new float[count];
            positiveCodes = new int[count];
            int k = 0;
            for (int c = 0; c < decode.length; c++) {
                if ((c & signBit) == 0 && Float.isFinite(decode[c])) {
                    positives[k] = decode[c];
                    positiveCodes[k] = c;
                    k++;
                }
            }
            max = positives[count - 1];
        }

        static Table minifloat(int ebits, int mbits, int bias, Special special) {
            int width = 1 + ebits + mbits;
            int codes = 1 << width;
            int signBit = 1 << (width - 1);
            int emax = (1 << ebits) - 1;
            float[] decode = new float[codes];
            for (int c = 0; c < codes; c++) {
                int e = (c >> mbits) & emax;
                int m = c & ((1 << mbits) - 1);
                double v = e == 0
                        ? m * Math.pow(2, 1 - bias - mbits)
                        : (1 + m / (double) (1 << mbits)) * Math.pow(2, e - bias);
                if (special == Special.IEEE && e == emax) {
                    v = m == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
                } else if (special == Special.FN && e == emax && m == (1 << mbits) - 1) {
                    v = Double.NaN;
                }
                decode[c] = (float) ((c & signBit) != 0 ? -v : v);
            }
            int nan;
            int inf = -1;
            switch (special) {
                case FNUZ -> {
                    decode[signBit] = Float.NaN;
                    nan = signBit;
                }
                case FN -> nan = codes / 2 - 1;
                case IEEE -> {
                    nan = (emax << mbits) | 1;
                    inf = emax << mbits;
                }
                default -> nan = -1;
            }
            return new Table(decode, signBit, nan, inf);
        }

        static Table e8m0() {
            float[] decode = new float[256];
            for (int c = 0; c < 256; c++) {
                decode[c] = c == 255 ? Float.NaN : (float) Math.pow(2, c - 127);
            }
            return new Table(decode, 256, 255, -1);
        }

        byte encode(float f, boolean saturate) {
            if (Float.isNaN(f)) {
                return (byte) (nanCode >= 0 ? nanCode : 0);
            }
            float a = Math.abs(f);
            int maxCode = positiveCodes[positives.length - 1];
            int code;
            if (a <= max) {
                code = nearest(a);
            } else if (saturate) {
                boolean unsignedNan = nanCode == signBit;
                code = Float.isInfinite(a) && infCode >= 0 ? infCode
                        : Float.isInfinite(a) && unsignedNan ? nanCode : maxCode;
            } else {
                code = infCode >= 0 ? infCode : nanCode >= 0 ? nanCode : maxCode;
            }
            boolean negative = f < 0 || (f == 0 && 1 / f < 0);
            boolean hasNegativeZero = nanCode != signBit;
            if (negative && signBit < decode.length && code != nanCode
                    && (decode[code] != 0 || hasNegativeZero)) {
                code |= signBit;
            }
            return (byte) code;
        }

        private int nearest(float a) {
            int lo = 0;
            int hi = positives.length - 1;
            while (hi - lo > 1) {
                int mid = (lo + hi) >>> 1;
                if (positives[mid] <= a) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            float dLo = a - positives[lo];
            float dHi = positives[hi] - a;
            if (dLo < dHi) {
                return positiveCodes[lo];
            }
            if (dHi < dLo) {
                return positiveCodes[hi];
            }
            return (positiveCodes[lo] & 1) == 0 ? positiveCodes[lo] : positiveCodes[hi];
        }
    }
}
