package dev.edge4j.onnx.conformance;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OptionalValue;
import dev.edge4j.onnx.TensorSequence;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.load.TensorProtos;
import dev.edge4j.onnx.proto.Onnx.OptionalProto;
import dev.edge4j.onnx.proto.Onnx.SequenceProto;
import dev.edge4j.onnx.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code .pb} files of backend test data: a {@code TensorProto}, or for sequence and
 * optional values a {@code SequenceProto} / {@code OptionalProto}, told apart by the declared type.
 */
public final class TestData {
    private TestData() {}

    public static Object read(Path file, ValueType type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read " + file + ": " + e.getMessage());
        }
        String what = file.toString();
        try {
            return switch (type) {
                case ValueType.SequenceType s -> sequence(SequenceProto.parseFrom(bytes), s, what);
                case ValueType.OptionalType o -> optional(OptionalProto.parseFrom(bytes), o, what);
                case ValueType.TensorType t -> asDeclared(TensorProtos.toTensor(TensorProto.parseFrom(bytes), what), t);
                case null, default -> TensorProtos.toTensor(TensorProto.parseFrom(bytes), what);
            };
        } catch (InvalidProtocolBufferException e) {
            throw new ModelFormatException(what + " is not a valid protobuf value: " + e.getMessage());
        }
    }

    /**
     * ONNX 1.12's bfloat16 test data stores the bit patterns as uint16 tensors; read them as the
     * bfloat16 values the model declares.
     */
    private static Tensor asDeclared(Tensor t, ValueType.TensorType declared) {
        if (declared.dtype() == DType.BFLOAT16 && t.dtype() == DType.UINT16) {
            return Tensor.wrap(DType.BFLOAT16, t.shape(), t.shorts());
        }
        return t;
    }

    /** The {@code name} field stored in a tensor file, or "" (used to match files to inputs). */
    public static String storedName(Path file) {
        try {
            return TensorProto.parseFrom(Files.readAllBytes(file)).getName();
        } catch (IOException e) {
            return "";
        }
    }

    private static TensorSequence sequence(SequenceProto p, ValueType.SequenceType type, String what) {
        List<Tensor> items = new ArrayList<>();
        for (TensorProto t : p.getTensorValuesList()) {
            items.add(TensorProtos.toTensor(t, what));
        }
        DType elem = type.element() instanceof ValueType.TensorType tt ? tt.dtype() : null;
        if (elem == null && !items.isEmpty()) {
            elem = items.get(0).dtype();
        }
        return new TensorSequence(elem, items);
    }

    private static OptionalValue optional(OptionalProto p, ValueType.OptionalType type, String what) {
        if (p.hasTensorValue()) {
            return new OptionalValue(type.element(), TensorProtos.toTensor(p.getTensorValue(), what));
        }
        if (p.hasSequenceValue() && type.element() instanceof ValueType.SequenceType st) {
            return new OptionalValue(type.element(), sequence(p.getSequenceValue(), st, what));
        }
        return OptionalValue.empty(type.element());
    }
}
