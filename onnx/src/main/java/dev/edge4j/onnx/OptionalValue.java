package dev.edge4j.onnx;

/**
 * An ONNX optional value: either holds a {@link dev.edge4j.core.tensor.Tensor} or a
 * {@link TensorSequence}, or is empty; {@code type} says what it would hold.
 */
public record OptionalValue(ValueType type, Object value) {

    public static OptionalValue empty(ValueType type) {
        return new OptionalValue(type, null);
    }

    public boolean isPresent() {
        return value != null;
    }
}
