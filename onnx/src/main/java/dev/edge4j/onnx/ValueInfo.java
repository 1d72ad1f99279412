package dev.edge4j.onnx;

import dev.edge4j.core.tensor.DType;
import java.util.List;

/** A named input or output of a model, with its declared type. */
public record ValueInfo(String name, ValueType type) {

    /** True when the value is a tensor (not a sequence, optional or map). */
    public boolean isTensor() {
        return type instanceof ValueType.TensorType;
    }

    /** The element type of a tensor value; null for other values or when unknown. */
    public DType dtype() {
        return type instanceof ValueType.TensorType t ? t.dtype() : null;
    }

    /** The declared dimensions of a tensor value (symbolic ones by name); null when unknown. */
    public List<Dim> dims() {
        return type instanceof ValueType.TensorType t ? t.dims() : null;
    }

    @Override
    public String toString() {
        return name + ": " + type;
    }
}
