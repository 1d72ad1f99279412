package dev.edge4j.gguf;

import dev.edge4j.core.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the header of a GGUF file (magic, version, metadata, tensor infos) from its mapped bytes,
 * checking every count, length, type code and offset against the file before trusting it, so a
 * truncated or corrupt file ends in one {@link ModelFormatException} naming the field.
 */
final class GgufParser {
    static final int MAGIC = 0x46554747; // "GGUF" read little-endian
    static final int MAX_DIMS = 4;
    static final String ALIGNMENT_KEY = "general.alignment";
    static final int DEFAULT_ALIGNMENT = 32;

    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String file;
    private final MemorySegment seg;
    private final long size;
    private long pos;

    int version;
    long alignment = DEFAULT_ALIGNMENT;
    long dataOffset;
    Map<String, GgufValue> metadata;
    List<GgufTensorInfo> tensors;

    private GgufParser(String file, MemorySegment seg) {
        this.file = file;
        this.seg = seg;
        this.size = seg.byteSize();
    }

    static GgufParser parse(String file, MemorySegment seg) {
        GgufParser p = new GgufParser(file, seg);
        p.readHeader();
        return p;
    }

    private void readHeader() {
        if (size < 4) {
            throw fail("is not a GGUF file: it has only " + size + " bytes");
        }
        int magic = seg.get(U32, 0);
        if (magic != MAGIC) {
            throw fail("is not a GGUF file: it starts with " + hexBytes(0, 4) + ", not \"GGUF\"");
        }
        pos = 4;
        long v = u32("the version");
        if ((v & 0xFFFF) == 0 && v != 0) {
            throw fail("has version " + v + ", which looks like a big-endian GGUF file; only little-endian files are supported");
        }
        if (v == 1) {
            throw fail("is GGUF version 1, which is no longer supported (convert it to version 3)");
        }
        if (v != 2 && v != 3) {
            throw fail("has GGUF version " + v + "; versions 2 and 3 are supported");
        }
        version = (int) v;
        long tensorCount = u64("the tensor count");
        long kvCount = u64("the metadata count");
        // Every metadata entry takes at least 12 bytes, every tensor info at least 24.
        checkCount(kvCount, 12, "the metadata count");
        checkCount(tensorCount, 24, "the tensor count");

        metadata = new LinkedHashMap<>();
        String previous = null;
        for (long i = 0; i < kvCount; i++) {
            String where = "metadata entry " + i + (previous == null ? "" : " (after '" + previous + "')");
            String key = string("the key of " + where);
            GgufValueType type = valueType(u32("the type of metadata key '" + key + "'"), "metadata key '" + key + "'");
            GgufValue value = value(type, "metadata key '" + key + "'", 0);
            if (metadata.putIfAbsent(key, value) != null) {
                throw fail("has metadata key '" + key + "' twice");
            }
            previous = key;
        }

        GgufValue align = metadata.get(ALIGNMENT_KEY);
        if (align != null) {
            if (align.type() != GgufValueType.UINT32) {
                throw fail("metadata key '" + ALIGNMENT_KEY + "' " + "is " + align.describeType() + ", not uint32");
            }
            alignment = align.asLong();
            if (alignment == 0 || (alignment & (alignment - 1)) != 0) {
                throw fail("metadata key '" + ALIGNMENT_KEY + "' is " + alignment + ", not a power of two");
            }
        }

        tensors = new ArrayList<>((int) tensorCount);
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            tensors.add(tensorInfo(i, names));
        }
        dataOffset = tensorCount == 0 ? pos : alignUp(pos, alignment);
        for (GgufTensorInfo t : tensors) {
            checkTensorData(t);
        }
    }

    private GgufTensorInfo tensorInfo(long index, Set<String> names) {
        String name = string("the name of tensor " + index);
        if (!names.add(name)) {
            throw fail("has two tensors named '" + name + "'");
        }
        String what = "tensor '" + name + "'";
        long rank = u32("the rank of " + what);
        if (rank > MAX_DIMS) {
            throw fail(what + " has " + rank + " dimensions; at most " + MAX_DIMS + " are allowed");
        }
        long[] dims = new long[(int) rank];
        long elements = 1;
        for (int d = 0; d < rank; d++) {
            dims[d] = u64("dimension " + d + " of " + what);
            if (dims[d] < 0) {
                throw fail(what + " has dimension " + d + " of " + Long.toUnsignedString(dims[d]) + ", too large");
            }
            try {
                elements = Math.multiplyExact(elements, dims[d]);
            } catch (ArithmeticException e) {
                throw fail(what + " has too many elements: " + java.util.Arrays.toString(dims));
            }
        }
        long typeId = u32("the type of " + what);
        GgmlType type = GgmlType.byId(typeId);
        if (type == null) {
            throw fail(what + " has unknown tensor type " + typeId);
        }
        long rowLength = rank == 0 ? 1 : dims[0];
        if (rowLength % type.blockSize() != 0) {
            throw fail(what + " of type " + type + " has rows of " + rowLength
                    + " values, not a multiple of the block size " + type.blockSize());
        }
        long offset = u64("the data offset of " + what);
        if (offset < 0 || offset % alignment != 0) {
            throw fail(what + " has data offset " + Long.toUnsignedString(offset)
                    + ", not a multiple of the alignment " + alignment);
        }
        try {
            type.bytesFor(elements);
        } catch (ArithmeticException e) {
            throw fail(what + " is too large: " + java.util.Arrays.toString(dims));
        }
        return new GgufTensorInfo(name, type, dims, offset);
    }

    private void checkTensorData(GgufTensorInfo t) {
        long start = dataOffset + t.offset();
        long end = start + t.byteSize();
        if (start < 0 || end < start || end > size) {
            throw fail("is truncated: the data of tensor '" + t.name() + "' (" + t.byteSize() + " bytes at "
                    + start + ") ends past the end of the file (" + size + " bytes)");
        }
    }

    private GgufValue value(GgufValueType type, String what, int depth) {
        return switch (type) {
            case UINT8 -> GgufValue.uint8(u8(what));
            case INT8 -> GgufValue.int8((byte) u8(what));
            case UINT16 -> GgufValue.uint16(u16(what));
            case INT16 -> GgufValue.int16((short) u16(what));
            case UINT32 -> GgufValue.uint32(u32(what));
            case INT32 -> GgufValue.int32((int) u32(what));
            case UINT64 -> GgufValue.uint64(u64(what));
            case INT64 -> GgufValue.int64(u64(what));
            case FLOAT32 -> GgufValue.float32(seg.get(F32, need(4, what)));
            case FLOAT64 -> GgufValue.float64(seg.get(F64, need(8, what)));
            case BOOL -> GgufValue.bool(bool(what));
            case STRING -> GgufValue.string(string(what));
            case ARRAY -> array(what, depth);
        };
    }

    private GgufValue array(String what, int depth) {
        if (depth > 8) {
            throw fail(what + " nests arrays more than 8 deep");
        }
        GgufValueType elementType = valueType(u32("the element type of " + what), what);
        long n = u64("the length of " + what);
        int minBytes = elementType.fixedSize() > 0 ? elementType.fixedSize() : (elementType == GgufValueType.STRING ? 8 : 12);
        if (n < 0 || n > Integer.MAX_VALUE - 8 || n * minBytes > size - pos) {
            throw fail("is truncated or corrupt: " + what + " claims " + Long.toUnsignedString(n)
                    + " elements of " + elementType.label() + " but only " + (size - pos) + " bytes are left");
        }
        int count = (int) n;
        Object out;
        switch (elementType) {
            case UINT8, INT8 -> out = bulk(count, ValueLayout.JAVA_BYTE, new byte[count]);
            case UINT16, INT16 -> out = bulk(count, U16, new short[count]);
            case UINT32, INT32 -> out = bulk(count, U32, new int[count]);
            case UINT64, INT64 -> out = bulk(count, U64, new long[count]);
            case FLOAT32 -> out = bulk(count, F32, new float[count]);
            case FLOAT64 -> out = bulk(count, F64, new double[count]);
            case BOOL -> {
                boolean[] a = new boolean[count];
                for (int i = 0; i < count; i++) {
                    a[i] = bool(what);
                }
                out = a;
            }
            case STRING -> {
                String[] a = new String[count];
                for (int i = 0; i < count; i++) {
                    a[i] = string(what);
                }
                out = a;
            }
            case ARRAY -> {
                GgufValue[] a = new GgufValue[count];
                for (int i = 0; i < count; i++) {
                    a[i] = array(what + " element " + i, depth + 1);
                }
                out = a;
            }
            default -> throw new IllegalStateException();
        }
        return GgufValue.arrayOwned(elementType, out);
    }

    private Object bulk(int count, ValueLayout layout, Object array) {
        long bytes = (long) count * layout.byteSize();
        switch (array) {
            case byte[] a -> MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, a, 0, count);
            case short[] a -> MemorySegment.copy(seg, (ValueLayout.OfShort) layout, pos, a, 0, count);
            case int[] a -> MemorySegment.copy(seg, (ValueLayout.OfInt) layout, pos, a, 0, count);
            case long[] a -> MemorySegment.copy(seg, (ValueLayout.OfLong) layout, pos, a, 0, count);
            case float[] a -> MemorySegment.copy(seg, (ValueLayout.OfFloat) layout, pos, a, 0, count);
            case double[] a -> MemorySegment.copy(seg, (ValueLayout.OfDouble) layout, pos, a, 0, count);
            default -> throw new IllegalStateException();
        }
        pos += bytes;
        return array;
    }

    private GgufValueType valueType(long code, String what) {
        GgufValueType t = GgufValueType.byCode(code);
        if (t == null) {
            throw fail(what + " has unknown value type " + code);
        }
        return t;
    }

    private String string(String what) {
        long len = u64("the length of " + what);
        if (len < 0 || len > size - pos) {
            throw fail("is truncated or corrupt: " + what + " claims a string of " + Long.toUnsignedString(len)
                    + " bytes but only " + (size - pos) + " bytes are left");
        }
        if (len > Integer.MAX_VALUE - 8) {
            throw fail(what + " is a string of " + len + " bytes, too long");
        }
        byte[] bytes = new byte[(int) len];
        MemorySegment.copy(seg, ValueLayout.JAVA_BYTE, pos, bytes, 0, bytes.length);
        pos += len;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private boolean bool(String what) {
        int b = u8(what);
        if (b > 1) {
            throw fail(what + " is a bool stored as " + b + ", not 0 or 1");
        }
        return b == 1;
    }

    private int u8(String what) {
        return seg.get(ValueLayout.JAVA_BYTE, need(1, what)) & 0xFF;
    }

    private int u16(String what) {
        return seg.get(U16, need(2, what)) & 0xFFFF;
    }

    private long u32(String what) {
        return Integer.toUnsignedLong(seg.get(U32, need(4, what)));
    }

    private long u64(String what) {
        return seg.get(U64, need(8, what));
    }

    /** Checks that {@code n} bytes remain, returns the current position and moves past them. */
    private long need(int n, String what) {
        if (size - pos < n) {
            throw fail("is truncated: it ends at byte " + size + " while reading " + what);
        }
        long at = pos;
        pos += n;
        return at;
    }

    private void checkCount(long count, int minBytesEach, String what) {
        if (count < 0 || count > (size - pos) / minBytesEach) {
            throw fail("is truncated or corrupt: " + what + " is " + Long.toUnsignedString(count)
                    + " but only " + (size - pos) + " bytes follow");
        }
    }

    private String hexBytes(long from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(String.format("%02x", seg.get(ValueLayout.JAVA_BYTE, from + i) & 0xFF));
        }
        return "0x" + sb;
    }

    /** "model.gguf is truncated: ..." or "model.gguf: tensor 'x' has ...". */
    private ModelFormatException fail(String message) {
        boolean aboutTheFile = message.startsWith("is ") || message.startsWith("has ");
        return new ModelFormatException(file + (aboutTheFile ? " " : ": ") + message);
    }

    static long alignUp(long n, long alignment) {
        return (n + alignment - 1) / alignment * alignment;
    }
}
