package dev.edge4j.onnx.ops.array;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** Constant: a tensor given by one of its attributes (value, value_float, value_ints...). */
final class Constant {
    private Constant() {}

    static SimpleOp create(OpSpec spec) {
        Tensor t = value(spec);
        return (in, ctx) -> t;
    }

    static Tensor value(OpSpec spec) {
        Attributes a = spec.attrs();
        if (a.has("value")) {
            return a.getTensor("value");
        }
        if (a.has("sparse_value")) {
            return a.getTensor("sparse_value");
        }
        if (a.has("value_float")) {
            return Tensor.scalar(a.getFloat("value_float", 0));
        }
        if (a.has("value_floats")) {
            float[] f = a.getFloats("value_floats", null);
            return Tensor.of(f, f.length);
        }
        if (a.has("value_int")) {
            return Tensor.scalar(a.getLong("value_int", 0));
        }
        if (a.has("value_ints")) {
            long[] l = a.getLongs("value_ints", null);
            return Tensor.of(l, l.length);
        }
        if (a.has("value_string")) {
            return Tensor.wrap(DType.STRING, Shape.scalar(), new String[] {a.getString("value_string", "")});
        }
        if (a.has("value_strings")) {
            String[] s = a.getStrings("value_strings", null);
            return Tensor.of(s, s.length);
        }
        throw Ops.badModel(spec, "Constant has none of the value attributes");
    }
}
