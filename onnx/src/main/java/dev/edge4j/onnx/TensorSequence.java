package dev.edge4j.onnx;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import java.util.List;

/** An ONNX sequence value: an ordered list of tensors of one element type (possibly empty). */
public record TensorSequence(DType elementType, List<Tensor> tensors) {
    public TensorSequence {
        tensors = List.copyOf(tensors);
    }

    public int size() {
        return tensors.size();
    }

    public Tensor get(int i) {
        return tensors.get(i);
    }
}
