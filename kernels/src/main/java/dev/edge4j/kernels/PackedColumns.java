package dev.edge4j.kernels;

/**
 * A K x N matrix rearranged for the GEMM micro-kernels: panels of {@link #NR} columns, each
 * stored row by row ({@code data[panel * K * NR + k * NR + c]}), the last panel padded with zero
 * columns. Constant weights of a matrix product are packed once, when a model loads.
 */
public final class PackedColumns {
    /** Columns per panel: two vectors. */
    public static final int NR = 2 * Vectors.S.length();

    final float[] data;
    final int rows;
    final int cols;

    private PackedColumns(float[] data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Packs the k x n matrix op(B): B itself at {@code b[off + r * ld + c]}, or with
     * {@code transposed} the transpose of the n x k matrix at {@code b[off + c * ld + r]}.
     */
    public static PackedColumns pack(float[] b, int off, int ld, int k, int n, boolean transposed) {
        int panels = (n + NR - 1) / NR;
        float[] data = new float[panels * k * NR];
        for (int p = 0; p < panels; p++) {
            int c0 = p * NR;
            int cols = Math.min(NR, n - c0);
            int base = p * k * NR;
            for (int r = 0; r < k; r++) {
                int dst = base + r * NR;
                if (!transposed) {
                    System.arraycopy(b, off + r * ld + c0, data, dst, cols);
                } else {
                    for (int c = 0; c < cols; c++) {
                        data[dst + c] = b[off + (c0 + c) * ld + r];
                    }
                }
            }
        }
        return new PackedColumns(data, k, n);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float get(int r, int c) {
        return data[(c / NR) * rows * NR + r * NR + c % NR];
    }
}
