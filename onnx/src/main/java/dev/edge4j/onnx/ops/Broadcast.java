package dev.edge4j.onnx.ops;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Shape;

/**
 * ONNX multidirectional broadcasting (NumPy's rules): shapes are aligned at their last
 * dimension, and a dimension of 1 stretches to match the other.
 */
public final class Broadcast {
    private Broadcast() {}

    /** The broadcast result shape, or an error naming both shapes. */
    public static Shape shape(Shape... shapes) {
        int rank = 0;
        for (Shape s : shapes) {
            rank = Math.max(rank, s.rank());
        }
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 1);
        for (Shape s : shapes) {
            int off = rank - s.rank();
            for (int i = 0; i < s.rank(); i++) {
                int d = s.dim(i);
                int o = out[off + i];
                if (o == d || d == 1) {
                    continue;
                }
                if (o == 1) {
                    out[off + i] = d;
                } else {
                    throw new InvalidInputException("shapes " + join(shapes) + " cannot be broadcast together");
                }
            }
        }
        return Shape.of(out);
    }

    private static String join(Shape[] shapes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shapes.length; i++) {
            sb.append(i == 0 ? "" : i == shapes.length - 1 ? " and " : ", ").append(shapes[i]);
        }
        return sb.toString();
    }

    /** Strides of {@code in} seen through {@code out}'s dimensions: 0 where it is broadcast. */
    public static int[] strides(Shape in, Shape out) {
        int rank = out.rank();
        int[] s = new int[rank];
        int[] own = in.strides();
        int off = rank - in.rank();
        for (int i = 0; i < in.rank(); i++) {
            s[off + i] = in.dim(i) == 1 && out.dim(off + i) != 1 ? 0 : own[i];
        }
        return s;
    }

    /** For every element of {@code out}, the flat index of the element of {@code in} it reads. */
    public static int[] indexMap(Shape in, Shape out) {
        int n = out.size();
        int[] map = new int[n];
        if (in.size() == n && in.rank() <= out.rank()) {
            for (int i = 0; i < n; i++) {
                map[i] = i;
            }
            return map;
        }
        int[] st = strides(in, out);
        int rank = out.rank();
        int[] idx = new int[rank];
        int src = 0;
        for (int i = 0; i < n; i++) {
            map[i] = src;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                src += st[d];
                if (idx[d] < out.dim(d)) {
                    break;
                }
                src -= st[d] * idx[d];
                idx[d] = 0;
            }
        }
        return map;
    }

    /** The body of {@link #forEachRun}: {@code n} output elements from {@code out} on. */
    @FunctionalInterface
    public interface RunBody {
        void run(int out, int a, int aStride, int b, int bStride, int n);
    }

    /**
     * Walks {@code out} in runs along its (merged) last dimension, giving for each run where it
     * starts in both inputs and their strides (0 or 1 on a broadcast or contiguous axis).
     */
    public static void forEachRun(Shape a, Shape b, Shape out, RunBody body) {
        int n = out.size();
        if (n == 0) {
            return;
        }
        int[] sa = strides(a, out);
        int[] sb = strides(b, out);
        int[] dims = out.toArray();
        // Merge neighbouring axes that both inputs traverse the same way, so runs are long.
        int rank = 0;
        int[] md = new int[dims.length];
        int[] ma = new int[dims.length];
        int[] mb = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == 1) {
                continue;
            }
            if (rank > 0 && ma[rank - 1] == sa[i] * dims[i] && mb[rank - 1] == sb[i] * dims[i]) {
                md[rank - 1] *= dims[i];
                ma[rank - 1] = sa[i];
                mb[rank - 1] = sb[i];
            } else {
                md[rank] = dims[i];
                ma[rank] = sa[i];
                mb[rank] = sb[i];
                rank++;
            }
        }
        if (rank == 0) {
            body.run(0, 0, 0, 0, 0, 1);
            return;
        }
        int inner = md[rank - 1];
        int ia = ma[rank - 1];
        int ib = mb[rank - 1];
        int[] idx = new int[rank];
        int pa = 0;
        int pb = 0;
        for (int o = 0; o < n; o += inner) {
            body.run(o, pa, ia, pb, ib, inner);
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                pa += ma[d];
                pb += mb[d];
                if (idx[d] < md[d]) {
                    break;
                }
                pa -= ma[d] * idx[d];
                pb -= mb[d] * idx[d];
                idx[d] = 0;
            }
        }
    }
}
