package dev.edge4j.onnx.load;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.onnx.proto.Onnx.StringStringEntryProto;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Tensor data kept in files beside the model ({@code data_location = EXTERNAL}). Files are mapped,
 * not read, inside the loader's arena; a location must stay inside the model's folder.
 */
final class ExternalFiles implements TensorProtos.ExternalData {
    private final Path folder;
    private final Arena arena;

    ExternalFiles(Path folder, Arena arena) {
        this.folder = folder.toAbsolutePath().normalize();
        this.arena = arena;
    }

    @Override
    public ByteBuffer read(List<StringStringEntryProto> entries, String what) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : entries) {
            try {
                switch (e.getKey()) {
                    case "location" -> location = e.getValue();
                    case "offset" -> offset = Long.parseLong(e.getValue());
                    case "length" -> length = Long.parseLong(e.getValue());
                    default -> { }
                }
            } catch (NumberFormatException ex) {
                throw new ModelFormatException(what + ": external data " + e.getKey() + " '"
                        + e.getValue() + "' is not a number");
            }
        }
        if (location == null || location.isEmpty()) {
            throw new ModelFormatException(what + " keeps its data externally but names no location");
        }
        Path file = folder.resolve(location).normalize();
        if (!file.startsWith(folder)) {
            throw new ModelFormatException(what + ": external data location '" + location
                    + "' points outside the model's folder");
        }
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            if (length < 0) {
                length = size - offset;
            }
            if (offset < 0 || length < 0 || offset + length > size) {
                throw new ModelFormatException(what + ": external data [" + offset + ", "
                        + (offset + length) + ") lies outside " + file + " (" + size + " bytes)");
            }
            if (length > Integer.MAX_VALUE) {
                throw new ModelFormatException(what + ": external data of " + length
                        + " bytes is larger than one tensor can hold");
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, offset, length, arena).asByteBuffer();
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(what + ": external data file " + file + " does not exist");
        } catch (IOException e) {
            throw new ModelFormatException(what + ": cannot read external data file " + file + ": "
                    + e.getMessage());
        }
    }
}
