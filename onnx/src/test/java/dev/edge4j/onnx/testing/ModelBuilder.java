package dev.edge4j.onnx.testing;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.load.TensorProtos;
import dev.edge4j.onnx.proto.Onnx.AttributeProto;
import dev.edge4j.onnx.proto.Onnx.GraphProto;
import dev.edge4j.onnx.proto.Onnx.ModelProto;
import dev.edge4j.onnx.proto.Onnx.NodeProto;
import dev.edge4j.onnx.proto.Onnx.OperatorSetIdProto;
import dev.edge4j.onnx.proto.Onnx.TensorShapeProto;
import dev.edge4j.onnx.proto.Onnx.TypeProto;
import dev.edge4j.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small ONNX models in tests: declare inputs and outputs (dimensions as numbers or symbol
 * names), add initializers and nodes, then take the bytes or the proto.
 */
public final class ModelBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private final ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8).setProducerName("edge4j-test");
    private final List<NodeProto> nodes = new ArrayList<>();

    public ModelBuilder(int opset) {
        model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset));
    }

    public ModelBuilder opset(String domain, int version) {
        model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version));
        return this;
    }

    /** Dimensions: Integer for a fixed size, String for a symbol, null for unknown. */
    public static ValueInfoProto value(String name, DType type, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder b = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Integer i) {
                b.setDimValue(i);
            } else if (d instanceof String s) {
                b.setDimParam(s);
            }
            shape.addDim(b);
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(type.onnxCode()).setShape(shape))).build();
    }

    public ModelBuilder input(String name, DType type, Object... dims) {
        graph.addInput(value(name, type, dims));
        return this;
    }

    public ModelBuilder output(String name, DType type, Object... dims) {
        graph.addOutput(value(name, type, dims));
        return this;
    }

    public ModelBuilder initializer(String name, Tensor t) {
        graph.addInitializer(TensorProtos.fromTensor(t, name));
        return this;
    }

    public ModelBuilder node(String op, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        return node("", op, inputs, outputs, attrs);
    }

    public ModelBuilder node(String domain, String op, List<String> inputs, List<String> outputs, AttributeProto... attrs) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setDomain(domain)
                .setName(op.toLowerCase(java.util.Locale.ROOT) + nodes.size());
        n.addAllInput(inputs).addAllOutput(outputs);
        for (AttributeProto a : attrs) {
            n.addAttribute(a);
        }
        nodes.add(n.build());
        return this;
    }

    public static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    public static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto attr(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    public static AttributeProto attr(String name, GraphProto g) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.GRAPH).setG(g).build();
    }

    public GraphProto graph() {
        return graph.clone().addAllNode(nodes).build();
    }

    public ModelProto proto() {
        return model.clone().setGraph(graph()).build();
    }

    public byte[] bytes() {
        return proto().toByteArray();
    }
}
