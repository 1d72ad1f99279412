package dev.edge4j.onnx.ops.quant;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.FloatFormats;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.kernels.Quantizer;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import dev.edge4j.onnx.ops.TensorOp;

/**
 * Linear quantization: QuantizeLinear ({@code saturate(round(x / scale) + zero_point)}, rounding
 * half to even), DequantizeLinear ({@code (x - zero_point) * scale}), both per tensor or per axis,
 * and DynamicQuantizeLinear, which picks uint8 scale and zero point from the data's range.
 */
final class Quantize {
    private Quantize() {}

    /** Index of the scale / zero point that applies to element {@code i}: per tensor, or along axis. */
    static int[] paramIndex(Tensor x, Tensor scale, long axis, String what) {
        int n = x.size();
        int[] idx = new int[n];
        if (scale.size() == 1) {
            return idx;
        }
        int ax = Ops.axis(axis, x.rank());
        int len = x.shape().dim(ax);
        if (scale.rank() != 1 || scale.size() != len) {
            throw new InvalidInputException(what + " scale " + scale.shape() + " must hold one value per element of axis "
                    + ax + " (" + len + ")");
        }
        int inner = x.shape().sizeBetween(ax + 1, x.rank());
        for (int i = 0; i < n; i++) {
            idx[i] = (i / inner) % len;
        }
        return idx;
    }

    static long saturate(double v, DType t) {
        return switch (t) {
            case UINT8 -> (long) Math.max(0, Math.min(255, v));
            case INT8 -> (long) Math.max(-128, Math.min(127, v));
            case UINT16 -> (long) Math.max(0, Math.min(65535, v));
            case INT16 -> (long) Math.max(-32768, Math.min(32767, v));
            case INT32 -> (long) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
            case UINT4 -> (long) Math.max(0, Math.min(15, v));
            case INT4 -> (long) Math.max(-8, Math.min(7, v));
            default -> throw new InvalidInputException("cannot quantize to " + t);
        };
    }

    static SimpleOp quantize(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 1);
        boolean saturateFloat8 = spec.attrs().getLong("saturate", 1) != 0;
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "x");
            Tensor scale = Ops.input(in, 1, "y_scale");
            Tensor zp = Ops.optional(in, 2);
            DType t = zp == null ? DType.UINT8 : zp.dtype();
            int[] p = paramIndex(x, scale, axis, "QuantizeLinear");
            Tensor out = Tensor.zeros(t, x.shape());
            boolean f32 = x.dtype() == DType.FLOAT32 && scale.dtype() == DType.FLOAT32;
            for (int i = 0; i < p.length; i++) {
                // In float32 for float32 inputs, so halfway cases round as other runtimes round them.
                double v = f32 ? (double) ((float) x.getDouble(i) / (float) scale.getDouble(p[i]))
                        : x.getDouble(i) / scale.getDouble(p[i]);
                if (t.isFloatingPoint()) {
                    double z = zp == null ? 0 : zp.getDouble(p[i]);
                    out.bytes()[i] = FloatFormats.encodeSmall(t, (float) (v + z), saturateFloat8);
                } else {
                    long z = zp == null ? 0 : zp.getLong(p[i]);
                    out.setLong(i, saturate(Math.rint(v) + z, t));
                }
            }
            return out;
        };
    }

    static SimpleOp dequantize(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 1);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "x");
            Tensor scale = Ops.input(in, 1, "x_scale");
            Tensor zp = Ops.optional(in, 2);
            if (isByte(x.dtype()) && scale.dtype() == DType.FLOAT32 && (zp == null || zp.dtype() == x.dtype())) {
                return dequantizeBytes(x, scale, zp, axis, ctx);
            }
            int[] p = paramIndex(x, scale, axis, "DequantizeLinear");
            Tensor out = Tensor.zeros(scale.dtype(), x.shape());
            for (int i = 0; i < p.length; i++) {
                double z = zp == null ? 0 : zp.getDouble(p[i]);
                out.setDouble(i, (x.getDouble(i) - z) * scale.getDouble(p[i]));
            }
            return out;
        };
    }

    private static boolean isByte(DType t) {
        return t == DType.UINT8 || t == DType.INT8;
    }

    /**
     * The common case, 8-bit values with float scales, one run of equal parameters at a time:
     * {@code (q - zp) * scale} in float is the correctly rounded product the general path makes.
     */
    private static Tensor dequantizeBytes(Tensor x, Tensor scale, Tensor zp, long axis, ExecContext ctx) {
        int runs = 1;
        int inner = x.size();
        if (scale.size() != 1) {
            int ax = Ops.axis(axis, x.rank());
            if (scale.rank() != 1 || scale.size() != x.shape().dim(ax)) {
                paramIndex(x, scale, axis, "DequantizeLinear");
            }
            inner = x.shape().sizeBetween(ax + 1, x.rank());
            runs = x.size() / Math.max(1, inner);
        }
        boolean unsigned = x.dtype() == DType.UINT8;
        Tensor out = ctx.alloc(DType.FLOAT32, x.shape());
        float[] scales = scale.floats();
        for (int r = 0; r < runs; r++) {
            int pi = r % scales.length;
            int zi = zp == null || zp.size() == 1 ? 0 : pi;
            int z = zp == null ? 0 : unsigned ? zp.bytes()[zi] & 0xff : zp.bytes()[zi];
            Quantizer.dequantize(x.bytes(), r * inner, unsigned, z, scales[pi], out.floats(), r * inner, inner);
        }
        return out;
    }

    static TensorOp dynamic(OpSpec spec) {
        boolean wantValues = spec.hasOutput(0);
        return (in, ctx) -> {
            Tensor x = Ops.input(in, 0, "x");
            Ops.requireType(x, "DynamicQuantizeLinear input", DType.FLOAT32);
            float[] xs = x.floats();
            float[] range = dev.edge4j.kernels.Quantizer.range(xs, 0, xs.length);
            float scale = (range[1] - range[0]) / 255f;
            long zp = scale == 0 ? 0 : saturate(Math.rint(-range[0] / scale), DType.UINT8);
            Tensor y = null;
            if (wantValues) {
                // Only the scale and zero point are needed when a fused product quantizes itself.
                y = ctx.alloc(DType.UINT8, x.shape());
                dev.edge4j.kernels.Quantizer.quantizeU8(xs, 0, scale, (int) zp, y.bytes(), 0, xs.length);
            }
            return new Tensor[] {y, Tensor.of(new float[] {scale}),
                Tensor.wrap(DType.UINT8, Shape.scalar(), new byte[] {(byte) zp})};
        };
    }
}
