package dev.edge4j.onnx.ops;

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
