package dev.edge4j.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a GGUF file: metadata in insertion order, then tensors, each at an aligned offset.
 * Tensor bytes are produced when the file is written, straight into the mapped output file, so a
 * multi-gigabyte model is never held in memory:
 *
 * <pre>{@code
 * GgufWriter w = new GgufWriter();
 * w.put("general.architecture", GgufValue.string("llama"));
 * w.addTensor("token_embd.weight", GgmlType.F32, new long[] {dim, vocab}, out -> fill(out));
 * w.write(path);
 * }</pre>
 */
public final class GgufWriter {
    /** Writes a tensor's bytes into {@code target}, a slice of exactly the tensor's size. */
    @FunctionalInterface
    public interface TensorContent {
        void fill(MemorySegment target);
    }

    private record PendingTensor(String name, GgmlType type, long[] dims, TensorContent content) {}

    private int version = 3;
    private long alignment = GgufParser.DEFAULT_ALIGNMENT;
    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<PendingTensor> tensors = new ArrayList<>();
    private final Set<String> tensorNames = new HashSet<>();

    /** GGUF version to write: 3 (default) or 2, whose little-endian layout is the same. */
    public GgufWriter version(int version) {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("can write GGUF version 2 or 3, not " + version);
        }
        this.version = version;
        return this;
    }

    /** Alignment of tensor data; anything but 32 is recorded as {@code general.alignment}. */
    public GgufWriter alignment(int alignment) {
        if (alignment <= 0 || (alignment & (alignment - 1)) != 0) {
            throw new IllegalArgumentException("alignment must be a power of two, not " + alignment);
        }
        this.alignment = alignment;
        if (alignment == GgufParser.DEFAULT_ALIGNMENT) {
            metadata.remove(GgufParser.ALIGNMENT_KEY);
        } else {
            metadata.put(GgufParser.ALIGNMENT_KEY, GgufValue.uint32(alignment));
        }
        return this;
    }

    /** Sets {@code key} (replacing an earlier value, keeping its position). */
    public GgufWriter put(String key, GgufValue value) {
        if (key.equals(GgufParser.ALIGNMENT_KEY)) {
            if (value.type() != GgufValueType.UINT32) {
                throw new IllegalArgumentException(GgufParser.ALIGNMENT_KEY + " must be a uint32");
            }
            return alignment(Math.toIntExact(value.asLong()));
        }
        metadata.put(key, value);
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, GgufValue.string(value));
    }

    public GgufWriter putUInt32(String key, long value) {
        return put(key, GgufValue.uint32(value));
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValue.float32(value));
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufValue.bool(value));
    }

    /** Copies every key of {@code other} (e.g. a tokenizer's vocabulary from another file). */
    public GgufWriter putAll(GgufMetadata other) {
        other.asMap().forEach(this::put);
        return this;
    }

    public GgufWriter remove(String key) {
        metadata.remove(key);
        return this;
    }

    /**
     * Adds a tensor; {@code dims} innermost first (row length first). Its bytes come from
     * {@code content} when the file is written.
     */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, TensorContent content) {
        if (!tensorNames.add(name)) {
            throw new IllegalArgumentException("tensor '" + name + "' is added twice");
        }
        if (dims.length > GgufParser.MAX_DIMS) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + dims.length + " dimensions; at most 4");
        }
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension: " + Arrays.toString(dims));
            }
        }
        long rowLength = dims.length == 0 ? 1 : dims[0];
        if (rowLength % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "' of type " + type + " needs rows of a multiple of "
                    + type.blockSize() + " values, got " + rowLength);
        }
        tensors.add(new PendingTensor(name, type, dims.clone(), content));
        return this;
    }

    /** Adds a tensor whose bytes are already at hand (copied when the file is written). */
    public GgufWriter addTensor(String name, GgmlType type, long[] dims, MemorySegment bytes) {
        long expected = new GgufTensorInfo(name, type, dims, 0).byteSize();
        if (bytes.byteSize() != expected) {
            throw new IllegalArgumentException("tensor '" + name + "' of type " + type + " and shape "
                    + Arrays.toString(dims) + " needs " + expected + " bytes, got " + bytes.byteSize());
        }
        return addTensor(name, type, dims, target -> MemorySegment.copy(bytes, 0, target, 0, expected));
    }

    /** Adds an F32 tensor from a float array. */
    public GgufWriter addTensor(String name, long[] dims, float[] values) {
        return addTensor(name, GgmlType.F32, dims, MemorySegment.ofArray(values));
    }

    /** The infos the tensors will have in the written file, in order. */
    public List<GgufTensorInfo> plannedTensors() {
        List<GgufTensorInfo> out = new ArrayList<>();
        long offset = 0;
        for (PendingTensor t : tensors) {
            GgufTensorInfo info = new GgufTensorInfo(t.name, t.type, t.dims, offset);
            out.add(info);
            offset = GgufParser.alignUp(offset + info.byteSize(), alignment);
        }
        return out;
    }

    /** Writes the file (replacing any file at {@code path}); on failure no partial file is left. */
    public void write(Path path) {
        List<GgufTensorInfo> infos = plannedTensors();
        byte[] header = header(infos);
        // Without tensors there is no data section to align (llama.cpp's vocabulary files end there).
        long dataOffset = tensors.isEmpty() ? header.length : GgufParser.alignUp(header.length, alignment);
        long total = dataOffset;
        if (!infos.isEmpty()) {
            GgufTensorInfo last = infos.getLast();
            total = dataOffset + last.offset() + last.byteSize();
        }
        boolean ok = false;
        try {
            Files.deleteIfExists(path);
            try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
                 Arena arena = Arena.ofConfined()) {
                MemorySegment out = ch.map(FileChannel.MapMode.READ_WRITE, 0, total, arena);
                MemorySegment.copy(header, 0, out, ValueLayout.JAVA_BYTE, 0, header.length);
                out.asSlice(header.length, dataOffset - header.length).fill((byte) 0);
                for (int i = 0; i < infos.size(); i++) {
                    GgufTensorInfo info = infos.get(i);
                    long start = dataOffset + info.offset();
                    MemorySegment target = out.asSlice(start, info.byteSize());
                    tensors.get(i).content.fill(target);
                    long padEnd = i + 1 < infos.size() ? dataOffset + infos.get(i + 1).offset() : total;
                    out.asSlice(start + info.byteSize(), padEnd - start - info.byteSize()).fill((byte) 0);
                }
                out.force();
            }
            ok = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (!ok) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // The original failure is the one worth reporting.
                }
            }
        }
    }

    private byte[] header(List<GgufTensorInfo> infos) {
        Out out = new Out();
        out.u32(GgufParser.MAGIC);
        out.u32(version);
        out.u64(infos.size());
        out.u64(metadata.size());
        for (Map.Entry<String, GgufValue> e : metadata.entrySet()) {
            out.string(e.getKey());
            out.u32(e.getValue().type().code());
            value(out, e.getValue());
        }
        for (GgufTensorInfo t : infos) {
            out.string(t.name());
            out.u32(t.rank());
            for (long d : t.dims()) {
                out.u64(d);
            }
            out.u32(t.type().id());
            out.u64(t.offset());
        }
        return out.toByteArray();
    }

    private static void value(Out out, GgufValue v) {
        Object raw = v.raw();
        switch (v.type()) {
            case UINT8, INT8 -> out.write((int) (long) (Long) raw);
            case UINT16, INT16 -> out.u16((int) (long) (Long) raw);
            case UINT32, INT32 -> out.u32((int) (long) (Long) raw);
            case UINT64, INT64 -> out.u64((Long) raw);
            case FLOAT32 -> out.u32(Float.floatToRawIntBits((Float) raw));
            case FLOAT64 -> out.u64(Double.doubleToRawLongBits((Double) raw));
            case BOOL -> out.write((Boolean) raw ? 1 : 0);
            case STRING -> out.string((String) raw);
            case ARRAY -> {
                out.u32(v.elementType().code());
                out.u64(v.length());
                switch (raw) {
                    case byte[] a -> out.write(a, 0, a.length);
                    case short[] a -> {
                        for (short x : a) {
                            out.u16(x);
                        }
                    }
                    case int[] a -> {
                        for (int x : a) {
                            out.u32(x);
                        }
                    }
                    case long[] a -> {
                        for (long x : a) {
                            out.u64(x);
                        }
                    }
                    case float[] a -> {
                        for (float x : a) {
                            out.u32(Float.floatToRawIntBits(x));
                        }
                    }
                    case double[] a -> {
                        for (double x : a) {
                            out.u64(Double.doubleToRawLongBits(x));
                        }
                    }
                    case boolean[] a -> {
                        for (boolean x : a) {
                            out.write(x ? 1 : 0);
                        }
                    }
                    case String[] a -> {
                        for (String x : a) {
                            out.string(x);
                        }
                    }
                    case GgufValue[] a -> {
                        // An inner array is written as element type, length, elements: the
                        // same body as an outer one, without a value type of its own.
                        for (GgufValue x : a) {
                            value(out, x);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
    }

    /** A little-endian byte sink for the header. */
    private static final class Out extends ByteArrayOutputStream {
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        Out() {
            super(1 << 16);
        }

        void u16(int v) {
            scratch.clear();
            scratch.putShort((short) v);
            write(scratch.array(), 0, 2);
        }

        void u32(int v) {
            scratch.clear();
            scratch.putInt(v);
            write(scratch.array(), 0, 4);
        }

        void u32(long v) {
            u32((int) v);
        }

        void u64(long v) {
            scratch.clear();
            scratch.putLong(v);
            write(scratch.array(), 0, 8);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            write(b, 0, b.length);
        }
    }
}
