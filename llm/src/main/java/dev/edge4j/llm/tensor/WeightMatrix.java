package dev.edge4j.llm.tensor;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * A weight matrix of {@code rows} x {@code cols} values in one GGUF tensor type, read in place
 * from the memory-mapped file or from a copy in {@link WeightMemory} (Q4_0 always from a
 * regrouped copy, {@link Source}). Each type supplies a vectorized row dot product (the hot loop
 * of token generation), a scalar reference of the same arithmetic, and row dequantization.
 *
 * <p>Quantized types multiply in integers against an 8-bit form of the input, float types in
 * floats rounded to their own precision ({@link InputFormat}), as llama.cpp does.
 */
public abstract sealed class WeightMatrix
        permits F32Matrix, F16Matrix, Bf16Matrix, Q8_0Matrix, Q4_0Matrix, Q4_1Matrix, Q5_0Matrix, Q5_1Matrix,
                Q4KMatrix, Q5KMatrix, Q6KMatrix {
    protected final String name;
    protected final int rows;
    protected final int cols;
    protected final MemorySegment data;
    protected final long rowBytes;

    protected WeightMatrix(String name, GgmlType type, int rows, int cols, MemorySegment data) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.rowBytes = type.bytesFor(cols);
        checkSize(name, type, rows, cols, data);
    }

    static void checkSize(String name, GgmlType type, int rows, int cols, MemorySegment data) {
        long need = type.bytesFor(cols) * rows;
        if (data.byteSize() < need) {
            throw new ModelFormatException("tensor '" + name + "' holds " + data.byteSize() + " bytes, "
                    + rows + " rows of " + type + " need " + need);
        }
    }

    /**
     * Fills a matrix's own copy of its bytes. A type that lays its weights out anew for a faster
     * kernel ({@link Q4_0Matrix}) keeps such a copy; reading it from the file, not through the
     * mapping, keeps the file's pages of that tensor out of the process's memory.
     */
    @FunctionalInterface
    public interface Source {
        /** Copies the matrix's first {@code destination.byteSize()} bytes into {@code destination}. */
        void copyTo(MemorySegment destination);
    }

    /** The matrix of {@code type} over {@code data}; fails for types Edge4j cannot compute with. */
    public static WeightMatrix of(String name, GgmlType type, int rows, int cols, MemorySegment data) {
        return of(name, type, rows, cols, data, destination -> destination.copyFrom(data.asSlice(0, destination.byteSize())),
                new WeightMemory(data.byteSize()));
    }

    /**
     * The matrix of {@code type} over {@code data}, or over a copy in {@code memory} filled from
     * {@code source} for a type that keeps its own layout; fails for types Edge4j cannot compute with.
     */
    public static WeightMatrix of(String name, GgmlType type, int rows, int cols, MemorySegment data, Source source,
            WeightMemory memory) {
        if (cols % type.blockSize() != 0) {
            throw new ModelFormatException("tensor '" + name + "' of type " + type + " has rows of " + cols
                    + " values, not a multiple of " + type.blockSize());
        }
        return switch (type) {
            case F32 -> new F32Matrix(name, rows, cols, data);
            case F16 -> new F16Matrix(name, rows, cols, data);
            case BF16 -> new Bf16Matrix(name, rows, cols, data);
            case Q8_0 -> new Q8_0Matrix(name, rows, cols, data);
            case Q4_0 -> Q4_0Matrix.copyOf(name, rows, cols, data, source, memory);
            case Q4_1 -> new Q4_1Matrix(name, rows, cols, data);
            case Q5_0 -> new Q5_0Matrix(name, rows, cols, data);
            case Q5_1 -> new Q5_1Matrix(name, rows, cols, data);
            case Q4_K -> new Q4KMatrix(name, rows, cols, data);
            case Q5_K -> new Q5KMatrix(name, rows, cols, data);
            case Q6_K -> new Q6KMatrix(name, rows, cols, data);
            default -> throw new ModelFormatException("tensor '" + name + "' has type " + type
                    + ", which Edge4j cannot compute with (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K)");
        };
    }

    /**
     * The matrix of {@code type} over its own copy of the weights in {@code memory}, filled from
     * {@code source}. The tensor is checked in place first ({@code data}), so a bad one fails
     * before anything is copied.
     */
    public static WeightMatrix copyOf(String name, GgmlType type, int rows, int cols, MemorySegment data, Source source,
            WeightMemory memory) {
        WeightMatrix inPlace = of(name, type, rows, cols, data, source, memory);
        if (inPlace instanceof Q4_0Matrix) {
            return inPlace;
        }
        MemorySegment copy = memory.allocate(inPlace.byteSize());
        source.copyTo(copy);
        return of(name, type, rows, cols, copy, source, memory);
    }

    public abstract GgmlType type();

    public String name() {
        return name;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Bytes of weights read by one full matrix-vector product. */
    public long byteSize() {
        return rowBytes * rows;
    }

    /** The form this type multiplies its input in; {@link Activation#prepare} it before {@link #dot}. */
    public abstract InputFormat inputFormat();

    /** Row {@code row} times {@code x}: the fast kernel. */
    public abstract float dot(int row, Activation x);

    /** Row {@code row} times {@code x}, scalar, in the same arithmetic as {@link #dot}. */
    public abstract float dotReference(int row, Activation x);

    /** Writes the {@code cols} values of row {@code row} to {@code out} at {@code offset}. */
    public abstract void dequantizeRow(int row, float[] out, int offset);

    /** {@link #dequantizeRow}, scalar. */
    public abstract void dequantizeRowReference(int row, float[] out, int offset);

    /** Computes rows [from, to) of this matrix times {@code x} into {@code out[outOffset + row]}. */
    public void matvec(Activation x, float[] out, int outOffset, int from, int to) {
        for (int r = from; r < to; r++) {
            out[outOffset + r] = dot(r, x);
        }
    }

    protected final float half(long offset) {
        return Float.float16ToFloat(data.get(Lanes.SHORT_LE, offset));
    }

    protected final int u8(long offset) {
        return data.get(java.lang.foreign.ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    @Override
    public String toString() {
        return name + " " + type() + " [" + rows + " x " + cols + "]";
    }
}
