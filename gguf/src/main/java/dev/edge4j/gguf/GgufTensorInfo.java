package dev.edge4j.gguf;

import java.util.Arrays;

/**
 * Where a tensor lives in a GGUF file: its name, element type, dimensions (innermost first, as
 * ggml counts them: {@code dims[0]} is the row length) and byte offset within the data section.
 */
public final class GgufTensorInfo {
    private final String name;
    private final GgmlType type;
    private final long[] dims;
    private final long offset;

    public GgufTensorInfo(String name, GgmlType type, long[] dims, long offset) {
        this.name = name;
        this.type = type;
        this.dims = dims.clone();
        this.offset = offset;
    }

    public String name() {
        return name;
    }

    public GgmlType type() {
        return type;
    }

    /** The dimensions, innermost first (a copy). */
    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    /** Dimension {@code i} (innermost first), 1 beyond the rank. */
    public long dim(int i) {
        return i < dims.length ? dims[i] : 1;
    }

    /** Offset of the first byte from the start of the data section. */
    public long offset() {
        return offset;
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** Values in one row (the innermost dimension). */
    public long rowLength() {
        return dim(0);
    }

    /** Rows: the product of all dimensions but the innermost. */
    public long rowCount() {
        return rank() == 0 ? 1 : elementCount() / rowLength();
    }

    /** Bytes of one row. */
    public long rowBytes() {
        return type.bytesFor(rowLength());
    }

    /** Bytes of the whole tensor. */
    public long byteSize() {
        return type.bytesFor(elementCount());
    }

    /** The shape as ggml prints it, e.g. {@code [896, 151936]}. */
    public String shape() {
        return Arrays.toString(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensorInfo t && name.equals(t.name) && type == t.type
                && Arrays.equals(dims, t.dims) && offset == t.offset;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return name + " " + type + " " + shape() + " @" + offset;
    }
}
