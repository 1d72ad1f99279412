package dev.edge4j.onnx.ops.sequence;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OptionalValue;
import dev.edge4j.onnx.TensorSequence;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpSpec;

/** Optional, OptionalHasElement, OptionalGetElement, and Identity (which passes any value through). */
final class OptionalOps {
    private OptionalOps() {}

    static Op optional(OpSpec spec) {
        ValueType declared = spec.attrs().getType("type");
        return (in, ctx) -> {
            Object v = in.length > 0 ? in[0] : null;
            ValueType t = declared != null ? declared : typeOf(v);
            return new Object[] {new OptionalValue(t, v)};
        };
    }

    static ValueType typeOf(Object v) {
        return switch (v) {
            case Tensor t -> new ValueType.TensorType(t.dtype(), null);
            case TensorSequence s -> new ValueType.SequenceType(new ValueType.TensorType(s.elementType(), null));
            case null, default -> null;
        };
    }

    static Op hasElement(OpSpec spec) {
        return (in, ctx) -> {
            Object v = in.length > 0 ? in[0] : null;
            boolean has = v instanceof OptionalValue o ? o.isPresent() : v != null;
            return new Object[] {Tensor.wrap(DType.BOOL, Shape.scalar(), new boolean[] {has})};
        };
    }

    static Op getElement(OpSpec spec) {
        return (in, ctx) -> {
            Object v = in[0];
            if (v instanceof OptionalValue o) {
                if (!o.isPresent()) {
                    throw new InvalidInputException("OptionalGetElement on an empty optional");
                }
                return new Object[] {o.value()};
            }
            if (v == null) {
                throw new InvalidInputException("OptionalGetElement has no input");
            }
            return new Object[] {v};
        };
    }

    static Op identity(OpSpec spec) {
        return (in, ctx) -> {
            if (in.length == 0 || in[0] == null) {
                throw new InvalidInputException("Identity has no input");
            }
            return new Object[] {in[0]};
        };
    }
}
