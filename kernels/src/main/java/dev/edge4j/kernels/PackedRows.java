package dev.edge4j.kernels;

/**
 * A row-major matrix (M x K) rearranged for the GEMM micro-kernels: strips of {@link #MR} rows,
 * each stored column by column ({@code data[strip * K * MR + k * MR + r]}), the last strip padded
 * with zero rows. Convolution filters are packed once, when a model loads.
 */
public final class PackedRows {
    /** Rows per strip: the micro-kernel's rows. */
    public static final int MR = 4;

    final float[] data;
    final int rows;
    final int cols;

    private PackedRows(float[] data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /** Packs rows [0, m) of the m x k matrix at {@code a[off + r * k + c]}. */
    public static PackedRows pack(float[] a, int off, int m, int k) {
        int strips = (m + MR - 1) / MR;
        float[] data = new float[strips * k * MR];
        for (int r = 0; r < m; r++) {
            int base = (r / MR) * k * MR + r % MR;
            int src = off + r * k;
            for (int c = 0; c < k; c++) {
                data[base + c * MR] = a[src + c];
            }
        }
        return new PackedRows(data, m, k);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The element at (r, c), for references and tests. */
    public float get(int r, int c) {
        return data[(r / MR) * cols * MR + c * MR + r % MR];
    }
}
