package dev.edge4j.onnx.load;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.Dim;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ir.Attributes;
import dev.edge4j.onnx.ir.Graph;
import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.proto.Onnx.AttributeProto;
import dev.edge4j.onnx.proto.Onnx.FunctionProto;
import dev.edge4j.onnx.proto.Onnx.GraphProto;
import dev.edge4j.onnx.proto.Onnx.ModelProto;
import dev.edge4j.onnx.proto.Onnx.NodeProto;
import dev.edge4j.onnx.proto.Onnx.OperatorSetIdProto;
import dev.edge4j.onnx.proto.Onnx.SparseTensorProto;
import dev.edge4j.onnx.proto.Onnx.TensorProto;
import dev.edge4j.onnx.proto.Onnx.TensorShapeProto;
import dev.edge4j.onnx.proto.Onnx.TypeProto;
import dev.edge4j.onnx.proto.Onnx.ValueInfoProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed {@code ModelProto} into the graph IR: binds each node to its domain's opset
 * version, decodes attributes and initializers (sparse ones made dense), inlines the model's own
 * functions, reads declared types with their symbolic dimensions, and orders nodes so every value
 * is computed before it is read.
 */
final class GraphBuilder {
    private static final int MAX_FUNCTION_DEPTH = 32;

    private final Map<String, Integer> opsets;
    private final Map<String, FunctionProto> functions = new HashMap<>();
    private final TensorProtos.ExternalData external;
    private final String file;
    private int uniqueCounter;

    private GraphBuilder(Map<String, Integer> opsets, TensorProtos.ExternalData external, String file) {
        this.opsets = opsets;
        this.external = external;
        this.file = file;
    }

    static ModelReader.LoadedModel build(ModelProto m, TensorProtos.ExternalData external, String file) {
        Map<String, Integer> opsets = readOpsets(m.getOpsetImportList());
        if (opsets.isEmpty()) {
            if (m.getIrVersion() >= 3) {
                throw new ModelFormatException(file + " imports no operator set");
            }
            // Before IR version 3 there were no opset imports; such files used opset 1.
            opsets.put("", 1);
        }
        GraphBuilder b = new GraphBuilder(opsets, external, file);
        for (FunctionProto f : m.getFunctionsList()) {
            b.functions.put(f.getDomain() + ":" + f.getName(), f);
        }
        Graph g = b.graph(m.getGraph(), true);
        return new ModelReader.LoadedModel(g, m.getIrVersion(), opsets,
                (m.getProducerName() + " " + m.getProducerVersion()).trim());
    }

    private static Map<String, Integer> readOpsets(List<OperatorSetIdProto> list) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (OperatorSetIdProto o : list) {
            map.put(normalizeDomain(o.getDomain()), (int) Math.min(Integer.MAX_VALUE, o.getVersion()));
        }
        return map;
    }

    static String normalizeDomain(String d) {
        return d.equals("ai.onnx") ? "" : d;
    }

    private Graph graph(GraphProto gp, boolean main) {
        String name = gp.getName();
        Graph g = new Graph(name);
        String where = main ? file : "subgraph '" + name + "' of " + file;
        for (TensorProto t : gp.getInitializerList()) {
            if (t.getName().isEmpty()) {
                throw new ModelFormatException(where + " has an initializer without a name");
            }
            g.constants().put(t.getName(), TensorProtos.toTensor(t, external,
                    "initializer '" + t.getName() + "' in " + where));
        }
        for (SparseTensorProto s : gp.getSparseInitializerList()) {
            String n = s.getValues().getName();
            g.constants().put(n, TensorProtos.toDense(s, external, "sparse initializer '" + n + "'"));
        }
        for (ValueInfoProto vi : gp.getInputList()) {
            if (g.constants().containsKey(vi.getName())) {
                g.overridableConstants().add(vi.getName());
            } else {
                g.inputs().add(vi.getName());
            }
            putType(g, vi);
        }
        for (ValueInfoProto vi : gp.getOutputList()) {
            g.outputs().add(vi.getName());
            putType(g, vi);
        }
        for (ValueInfoProto vi : gp.getValueInfoList()) {
            putType(g, vi);
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeProto np : gp.getNodeList()) {
            addNode(np, opsets, Map.of(), nodes, 0);
        }
        g.setNodes(sort(nodes, g, where));
        return g;
    }

    private void putType(Graph g, ValueInfoProto vi) {
        if (vi.hasType()) {
            ValueType t = type(vi.getType(), "value '" + vi.getName() + "'");
            if (t != null) {
                g.types().put(vi.getName(), t);
            }
        }
    }

    static ValueType type(TypeProto tp, String what) {
        return switch (tp.getValueCase()) {
            case TENSOR_TYPE -> {
                TypeProto.Tensor t = tp.getTensorType();
                DType dt = t.getElemType() == 0 ? null : dtype(t.getElemType(), what);
                yield new ValueType.TensorType(dt, t.hasShape() ? dims(t.getShape()) : null);
            }
            case SPARSE_TENSOR_TYPE -> {
                TypeProto.SparseTensor t = tp.getSparseTensorType();
                yield new ValueType.TensorType(t.getElemType() == 0 ? null : dtype(t.getElemType(), what),
                        t.hasShape() ? dims(t.getShape()) : null);
            }
            case SEQUENCE_TYPE -> new ValueType.SequenceType(type(tp.getSequenceType().getElemType(), what));
            case OPTIONAL_TYPE -> new ValueType.OptionalType(type(tp.getOptionalType().getElemType(), what));
            case MAP_TYPE -> new ValueType.MapType(dtype(tp.getMapType().getKeyType(), what),
                    type(tp.getMapType().getValueType(), what));
            case OPAQUE_TYPE, VALUE_NOT_SET -> null;
        };
    }

    private static DType dtype(int code, String what) {
        try {
            return DType.fromOnnx(code);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(what + " has unknown element type " + code);
        }
    }

    private static List<Dim> dims(TensorShapeProto s) {
        List<Dim> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension d : s.getDimList()) {
            dims.add(switch (d.getValueCase()) {
                case DIM_VALUE -> d.getDimValue() >= 0 ? Dim.of(d.getDimValue()) : Dim.unknown();
                case DIM_PARAM -> d.getDimParam().isEmpty() ? Dim.unknown() : Dim.symbol(d.getDimParam());
                case VALUE_NOT_SET -> Dim.unknown();
            });
        }
        return dims;
    }

    /**
     * Adds the node, or the nodes of the model function it calls (renamed so they cannot clash,
     * with the caller's attributes substituted where the body refers to them).
     */
    private void addNode(NodeProto np, Map<String, Integer> scopeOpsets, Map<String, AttributeProto> callerAttrs,
            List<Node> out, int depth) {
        String domain = normalizeDomain(np.getDomain());
        FunctionProto f = functions.get(np.getDomain() + ":" + np.getOpType());
        if (f == null && domain.isEmpty()) {
            f = functions.get("ai.onnx:" + np.getOpType());
        }
        List<AttributeProto> attrs = resolveRefs(np.getAttributeList(), callerAttrs);
        if (f != null) {
            if (depth > MAX_FUNCTION_DEPTH) {
                throw new ModelFormatException("function " + np.getOpType() + " in " + file
                        + " calls itself more than " + MAX_FUNCTION_DEPTH + " levels deep");
            }
            inline(np, f, attrs, out, depth);
            return;
        }
        Integer version = scopeOpsets.get(domain);
        if (version == null) {
            throw new ModelFormatException("node '" + np.getName() + "' (" + np.getOpType()
                    + ") uses domain '" + np.getDomain() + "', which " + file + " does not import");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        String owner = "node '" + np.getName() + "' (" + np.getOpType() + ")";
        for (AttributeProto a : attrs) {
            values.put(a.getName(), attribute(a, owner));
        }
        Attributes attributes = new Attributes(values);
        Node node = new Node(np.getName(), np.getOpType(), domain, version, np.getInputList(),
                np.getOutputList(), attributes);
        attributes.setOwner(node.describe());
        out.add(node);
    }

    private static List<AttributeProto> resolveRefs(List<AttributeProto> attrs, Map<String, AttributeProto> caller) {
        List<AttributeProto> out = new ArrayList<>(attrs.size());
        for (AttributeProto a : attrs) {
            if (!a.getRefAttrName().isEmpty()) {
                AttributeProto v = caller.get(a.getRefAttrName());
                if (v != null) {
                    out.add(v.toBuilder().setName(a.getName()).build());
                }
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private void inline(NodeProto call, FunctionProto f, List<AttributeProto> callAttrs, List<Node> out, int depth) {
        String prefix = "__" + f.getName() + "_" + (uniqueCounter++) + "/";
        Map<String, String> rename = new HashMap<>();
        for (int i = 0; i < f.getInputCount(); i++) {
            rename.put(f.getInput(i), i < call.getInputCount() ? call.getInput(i) : "");
        }
        for (int i = 0; i < f.getOutputCount(); i++) {
            rename.put(f.getOutput(i), i < call.getOutputCount() ? call.getOutput(i) : prefix + f.getOutput(i));
        }
        Map<String, AttributeProto> attrs = new HashMap<>();
        for (AttributeProto a : f.getAttributeProtoList()) {
            attrs.put(a.getName(), a);
        }
        for (AttributeProto a : callAttrs) {
            attrs.put(a.getName(), a);
        }
        Map<String, Integer> fOpsets = new HashMap<>(opsets);
        fOpsets.putAll(readOpsets(f.getOpsetImportList()));
        for (NodeProto n : f.getNodeList()) {
            NodeProto.Builder nb = n.toBuilder().clearInput().clearOutput();
            for (String in : n.getInputList()) {
                nb.addInput(in.isEmpty() ? "" : rename.computeIfAbsent(in, k -> prefix + k));
            }
            for (String o : n.getOutputList()) {
                nb.addOutput(o.isEmpty() ? "" : rename.computeIfAbsent(o, k -> prefix + k));
            }
            if (!n.getName().isEmpty()) {
                nb.setName(prefix + n.getName());
            }
            addNode(nb.build(), fOpsets, attrs, out, depth + 1);
        }
    }

    private Object attribute(AttributeProto a, String owner) {
        String what = owner + " attribute '" + a.getName() + "'";
        AttributeProto.AttributeType t = a.getType();
        if (t == AttributeProto.AttributeType.UNDEFINED) {
            t = guessType(a);
        }
        return switch (t) {
            case FLOAT -> a.getF();
            case INT -> a.getI();
            case STRING -> a.getS().toString(StandardCharsets.UTF_8);
            case TENSOR -> TensorProtos.toTensor(a.getT(), external, what);
            case SPARSE_TENSOR -> TensorProtos.toDense(a.getSparseTensor(), external, what);
            case GRAPH -> graph(a.getG(), false);
            case TYPE_PROTO -> type(a.getTp(), what);
            case FLOATS -> {
                float[] f = new float[a.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = a.getFloats(i);
                }
                yield f;
            }
            case INTS -> a.getIntsList().stream().mapToLong(Long::longValue).toArray();
            case STRINGS -> a.getStringsList().stream().map(s -> s.toString(StandardCharsets.UTF_8))
                    .toArray(String[]::new);
            case TENSORS -> a.getTensorsList().stream().map(x -> TensorProtos.toTensor(x, external, what)).toList();
            case SPARSE_TENSORS -> a.getSparseTensorsList().stream()
                    .map(x -> TensorProtos.toDense(x, external, what)).toList();
            case GRAPHS -> a.getGraphsList().stream().map(x -> graph(x, false)).toList();
            case TYPE_PROTOS -> a.getTypeProtosList().stream().map(x -> type(x, what)).toList();
            case UNDEFINED -> throw new ModelFormatException(what + " holds no value");
        };
    }

    /** IR version 1 files carry no attribute type: tell it from the field that is set. */
    private static AttributeProto.AttributeType guessType(AttributeProto a) {
        if (a.hasF()) {
            return AttributeProto.AttributeType.FLOAT;
        } else if (a.hasI()) {
            return AttributeProto.AttributeType.INT;
        } else if (a.hasS()) {
            return AttributeProto.AttributeType.STRING;
        } else if (a.hasT()) {
            return AttributeProto.AttributeType.TENSOR;
        } else if (a.hasG()) {
            return AttributeProto.AttributeType.GRAPH;
        } else if (a.getFloatsCount() > 0) {
            return AttributeProto.AttributeType.FLOATS;
        } else if (a.getIntsCount() > 0) {
            return AttributeProto.AttributeType.INTS;
        } else if (a.getStringsCount() > 0) {
            return AttributeProto.AttributeType.STRINGS;
        } else if (a.getTensorsCount() > 0) {
            return AttributeProto.AttributeType.TENSORS;
        } else if (a.getGraphsCount() > 0) {
            return AttributeProto.AttributeType.GRAPHS;
        }
        return AttributeProto.AttributeType.UNDEFINED;
    }

    /**
     * Orders nodes so producers come before consumers, keeping the file's order where it already
     * is one. Values no node, input or constant provides must come from an enclosing graph.
     */
    private static List<Node> sort(List<Node> nodes, Graph g, String where) {
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).outputs()) {
                if (o.isEmpty()) {
                    continue;
                }
                if (producer.put(o, i) != null || g.constants().containsKey(o) || g.inputs().contains(o)) {
                    throw new ModelFormatException(where + ": value '" + o + "' is defined more than once");
                }
            }
        }
        int n = nodes.size();
        int[] pending = new int[n];
        List<List<Integer>> consumers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            consumers.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            Set<Integer> deps = new HashSet<>();
            Node node = nodes.get(i);
            List<String> reads = new ArrayList<>(node.inputs());
            for (Graph sub : node.attributes().graphs()) {
                reads.addAll(sub.freeVariables());
            }
            for (String in : reads) {
                Integer p = producer.get(in);
                if (p != null && p != i && deps.add(p)) {
                    consumers.get(p).add(i);
                }
            }
            pending[i] = deps.size();
        }
        List<Node> order = new ArrayList<>(n);
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (int c : consumers.get(i)) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != n) {
            for (int i = 0; i < n; i++) {
                if (pending[i] > 0) {
                    throw new ModelFormatException(where + ": " + nodes.get(i).describe()
                            + " is part of a cycle; ONNX graphs must be acyclic");
                }
            }
        }
        return order;
    }
}
