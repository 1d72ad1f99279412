package dev.edge4j.gguf;

import dev.edge4j.core.ModelFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF file (version 2 or 3), memory-mapped read-only: the header is parsed and checked on
 * open, tensor data stays in the page cache and is handed out as slices of the mapping, never
 * copied. Files of any size work (offsets are 64-bit). Closing unmaps the file; segments handed
 * out before must not be used after.
 */
public final class GgufFile implements AutoCloseable {
    private final Path path;
    private final Arena arena;
    private final MemorySegment mapping;
    private final int version;
    private final long alignment;
    private final long dataOffset;
    private final GgufMetadata metadata;
    private final List<GgufTensorInfo> tensors;
    private final Map<String, GgufTensorInfo> byName;

    private GgufFile(Path path, Arena arena, MemorySegment mapping, GgufParser header) {
        this.path = path;
        this.arena = arena;
        this.mapping = mapping;
        this.version = header.version;
        this.alignment = header.alignment;
        this.dataOffset = header.dataOffset;
        this.metadata = new GgufMetadata(path.toString(), header.metadata);
        this.tensors = List.copyOf(header.tensors);
        Map<String, GgufTensorInfo> names = new LinkedHashMap<>();
        for (GgufTensorInfo t : tensors) {
            names.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(names);
    }

    /**
     * Maps and parses {@code path}.
     *
     * @throws ModelFormatException if the file is not a valid GGUF file (the message names the file
     *     and the field that is wrong)
     * @throws UncheckedIOException if it cannot be read (e.g. {@link NoSuchFileException})
     */
    public static GgufFile open(Path path) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            if (Files.isDirectory(path)) {
                throw new ModelFormatException(path + " is a directory, not a GGUF file");
            }
            MemorySegment mapping = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            GgufParser header = GgufParser.parse(path.toString(), mapping);
            return new GgufFile(path, arena, mapping, header);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** The GGUF format version, 2 or 3. */
    public int version() {
        return version;
    }

    /** Alignment of tensor data in bytes ({@code general.alignment}, 32 by default). */
    public long alignment() {
        return alignment;
    }

    /** File offset of the data section, where tensor offsets start. */
    public long dataOffset() {
        return dataOffset;
    }

    public long fileSize() {
        return mapping.byteSize();
    }

    public GgufMetadata metadata() {
        return metadata;
    }

    /** Tensor infos in file order. */
    public List<GgufTensorInfo> tensors() {
        return tensors;
    }

    public Optional<GgufTensorInfo> findTensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The tensor named {@code name}; fails naming the file and the tensor if there is none. */
    public GgufTensorInfo tensor(String name) {
        GgufTensorInfo t = byName.get(name);
        if (t == null) {
            throw new ModelFormatException(path + ": tensor '" + name + "' is missing");
        }
        return t;
    }

    /** The bytes of {@code tensor}, a read-only slice of the mapping. */
    public MemorySegment data(GgufTensorInfo tensor) {
        return mapping.asSlice(dataOffset + tensor.offset(), tensor.byteSize());
    }

    /** The bytes of the tensor named {@code name}. */
    public MemorySegment data(String name) {
        return data(tensor(name));
    }

    /**
     * Copies {@code destination.byteSize()} bytes of {@code tensor}, from byte {@code from} of its
     * data, into {@code destination}. The bytes are read from the file, not through the mapping,
     * so a caller that keeps its own copy does not also keep the file's pages in its memory.
     *
     * @throws IllegalArgumentException if the range is outside the tensor
     * @throws UncheckedIOException if the file cannot be read
     */
    public void read(GgufTensorInfo tensor, long from, MemorySegment destination) {
        long size = destination.byteSize();
        if (from < 0 || from + size > tensor.byteSize()) {
            throw new IllegalArgumentException("bytes " + from + ".." + (from + size) + " are outside tensor '"
                    + tensor.name() + "' of " + tensor.byteSize() + " bytes");
        }
        long position = dataOffset + tensor.offset() + from;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            for (long done = 0; done < size; ) {
                // ByteBuffers hold at most 2 GB; larger tensors are read in parts.
                long part = Math.min(size - done, 1L << 30);
                ByteBuffer buffer = destination.asSlice(done, part).asByteBuffer();
                while (buffer.hasRemaining()) {
                    if (ch.read(buffer, position + done + buffer.position()) < 0) {
                        throw new UncheckedIOException(new EOFException(path + " ends inside tensor '"
                                + tensor.name() + "'"));
                    }
                }
                done += part;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole file, mapped read-only. */
    public MemorySegment mapping() {
        return mapping;
    }

    @Override
    public void close() {
        arena.close();
    }

    @Override
    public String toString() {
        return "GgufFile(" + path + ", v" + version + ", " + metadata.size() + " keys, " + tensors.size() + " tensors)";
    }
}
