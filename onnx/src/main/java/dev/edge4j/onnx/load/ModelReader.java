package dev.edge4j.onnx.load;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.edge4j.core.ModelFormatException;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.proto.Onnx.ModelProto;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads an ONNX file into the graph IR. The file is memory-mapped and parsed in place (protobuf
 * aliases the weight bytes rather than copying them); each weight is then copied once into its
 * tensor's array and the mapping is released.
 */
public final class ModelReader {
    private ModelReader() {}

    public static LoadedModel read(Path path) {
        try (Arena arena = Arena.ofShared(); FileChannel ch = FileChannel.open(path)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) {
                throw new ModelFormatException(path + " is larger than 2 GB; keep the weights in "
                        + "external data files");
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            ModelProto proto = parse(CodedInputStream.newInstance(seg.asByteBuffer()), path.toString());
            Path folder = path.toAbsolutePath().getParent();
            return GraphBuilder.build(proto, new ExternalFiles(folder, arena), path.toString());
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("model file " + path + " does not exist");
        } catch (IOException e) {
            throw new ModelFormatException("cannot read model file " + path + ": " + e.getMessage());
        }
    }

    /** A model from bytes in memory; external data is not available. */
    public static LoadedModel read(byte[] bytes, String what) {
        ModelProto proto = parse(CodedInputStream.newInstance(bytes), what);
        return GraphBuilder.build(proto, null, what);
    }

    private static ModelProto parse(CodedInputStream in, String what) {
        in.enableAliasing(true);
        try {
            ModelProto m = ModelProto.parseFrom(in);
            if (!m.hasGraph()) {
                throw new ModelFormatException(what + " is not an ONNX model (it holds no graph)");
            }
            return m;
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(what + " is not a valid ONNX file (truncated or corrupt: "
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + what + ": " + e.getMessage());
        }
    }

    /** The graph and the model-level facts around it. */
    public record LoadedModel(Graph graph, long irVersion, java.util.Map<String, Integer> opsets,
            String producer) {}
}
