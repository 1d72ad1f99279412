package dev.edge4j.onnx.ops;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;

/**
 * Index maps for strided views: element {@code idx} of an output of {@code dims} reads the
 * source at {@code base + sum(idx[d] * strides[d])}. Transpose, Slice and friends are such views.
 */
public final class Strided {
    private Strided() {}

    public static int[] map(int[] dims, int[] strides, int base) {
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        int n = (int) total;
        int[] map = new int[n];
        if (n == 0) {
            return map;
        }
        int rank = dims.length;
        if (rank == 0) {
            map[0] = base;
            return map;
        }
        int inner = dims[rank - 1];
        int innerStride = strides[rank - 1];
        int[] idx = new int[rank];
        int src = base;
        for (int o = 0; o < n; o += inner) {
            int s = src;
            for (int i = 0; i < inner; i++) {
                map[o + i] = s;
                s += innerStride;
            }
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                src += strides[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                src -= strides[d] * idx[d];
                idx[d] = 0;
            }
        }
        return map;
    }

    /** The map of a transpose: output axis d is input axis perm[d]. */
    public static int[] transpose(int[] inDims, int[] perm) {
        int[] inStrides = stridesOf(inDims);
        int[] dims = new int[perm.length];
        int[] st = new int[perm.length];
        for (int d = 0; d < perm.length; d++) {
            dims[d] = inDims[perm[d]];
            st[d] = inStrides[perm[d]];
        }
        return map(dims, st, 0);
    }

    /**
     * Copies the strided view of {@code src} (output dims, per-axis source strides, base offset)
     * into {@code dst} in row-major order, a run along the last axis at a time: no index map.
     */
    public static void copy(Object src, int[] dims, int[] strides, int base, Object dst) {
        int rank = dims.length;
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        int n = (int) total;
        if (n == 0) {
            return;
        }
        if (rank == 0) {
            System.arraycopy(src, base, dst, 0, 1);
            return;
        }
        int inner = dims[rank - 1];
        int innerStride = strides[rank - 1];
        if (src instanceof float[] f && (inner < 16 || innerStride != 1)) {
            copyFloats(f, dims, strides, base, (float[]) dst, n);
            return;
        }
        int[] idx = new int[rank];
        int s = base;
        for (int o = 0; o < n; o += inner) {
            if (innerStride == 1) {
                System.arraycopy(src, s, dst, o, inner);
            } else {
                run(src, s, innerStride, dst, o, inner);
            }
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                s += strides[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                s -= strides[d] * idx[d];
                idx[d] = 0;
            }
        }
    }

    /** {@link #copy} for floats with short or strided runs: plain loops, no call per run. */
    private static void copyFloats(float[] src, int[] dims, int[] strides, int base, float[] dst, int n) {
        int rank = dims.length;
        if (rank == 2 || rank == 3 && dims[0] == 1) {
            int rows = dims[rank - 2];
            int rowStride = strides[rank - 2];
            copyRows(src, base, rows, rowStride, dims[rank - 1], strides[rank - 1], dst);
            return;
        }
        int inner = dims[rank - 1];
        int innerStride = strides[rank - 1];
        int[] idx = new int[rank];
        int s = base;
        for (int o = 0; o < n; o += inner) {
            for (int i = 0, si = s; i < inner; i++, si += innerStride) {
                dst[o + i] = src[si];
            }
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                s += strides[d];
                if (idx[d] < dims[d]) {
                    break;
                }
                s -= strides[d] * idx[d];
                idx[d] = 0;
            }
        }
    }

    /**
     * A 2-D strided window, {@code rows} runs of {@code inner}: the picks of a few values per row
     * (box coordinates, class scores) unrolled, as a loop that runs twice costs more than its body.
     */
    private static void copyRows(float[] src, int s, int rows, int rowStride, int inner, int step, float[] dst) {
        if (inner == 1) {
            for (int r = 0; r < rows; r++, s += rowStride) {
                dst[r] = src[s];
            }
        } else if (inner == 2) {
            for (int r = 0, o = 0; r < rows; r++, s += rowStride, o += 2) {
                dst[o] = src[s];
                dst[o + 1] = src[s + step];
            }
        } else {
            for (int r = 0, o = 0; r < rows; r++, s += rowStride) {
                for (int i = 0, si = s; i < inner; i++, si += step) {
                    dst[o++] = src[si];
                }
            }
        }
    }

    /** The view as a new tensor of {@code x}'s type, allocated through the run's buffers. */
    public static Tensor view(Tensor x, int[] dims, int[] strides, int base, ExecContext ctx) {
        Shape shape = Shape.of(dims);
        Tensor out = x.dtype() == DType.STRING || x.dtype().isComplex() ? Tensor.zeros(x.dtype(), shape)
                : ctx.alloc(x.dtype(), shape);
        if (x.dtype().isComplex()) {
            throw new dev.edge4j.core.InvalidInputException("complex tensors are not supported here");
        }
        copy(x.data(), dims, strides, base, out.data());
        return out;
    }

    /** The transpose of {@code x} (output axis d is input axis perm[d]) as a new tensor. */
    public static Tensor transpose(Tensor x, int[] perm, ExecContext ctx) {
        int[] inDims = x.dims();
        int[] inStrides = stridesOf(inDims);
        int[] dims = new int[perm.length];
        int[] st = new int[perm.length];
        for (int d = 0; d < perm.length; d++) {
            dims[d] = inDims[perm[d]];
            st[d] = inStrides[perm[d]];
        }
        return view(x, dims, st, 0, ctx);
    }

    private static void run(Object src, int s, int stride, Object dst, int o, int n) {
        switch (src) {
            case float[] a -> {
                float[] b = (float[]) dst;
                for (int i = 0; i < n; i++, s += stride) {
                    b[o + i] = a[s];
                }
            }
            case long[] a -> {
                long[] b = (long[]) dst;
                for (int i = 0; i < n; i++, s += stride) {
                    b[o + i] = a[s];
                }
            }
            case int[] a -> {
                int[] b = (int[]) dst;
                for (int i = 0; i < n; i++, s += stride) {
                    b[o + i] = a[s];
                }
            }
            case double[] a -> {
                double[] b = (double[]) dst;
                for (int i = 0; i < n; i++, s += stride) {
                    b[o + i] = a[s];
                }
            }
            case short[] a -> {
                short[] b = (short[]) dst;
                for (int i = 0; i < n; i++, s += stride) {
                    b[o + i] = a[s];
                }
            }
            case byte[] a -> {
                byte[] b = (byte[]) dst;
                for (int i = 0; i < n; i++, s += stride) {
                    b[o + i] = a[s];
                }
            }
            case boolean[] a -> {
                boolean[] b = (boolean[]) dst;
                for (int i = 0; i < n; i++, s += stride) {
                    b[o + i] = a[s];
                }
            }
            case String[] a -> {
                String[] b = (String[]) dst;
                for (int i = 0; i < n; i++, s += stride) {
                    b[o + i] = a[s];
                }
            }
            default -> throw new IllegalStateException("not a tensor array: " + src.getClass());
        }
    }

    public static int[] stridesOf(int[] dims) {
        int[] s = new int[dims.length];
        int acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }
}
