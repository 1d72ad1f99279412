package dev.edge4j.onnx.load;

import com.google.protobuf.ByteString;
import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.proto.Onnx.SparseTensorProto;
import dev.edge4j.onnx.proto.Onnx.StringStringEntryProto;
import dev.edge4j.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Converts between ONNX {@code TensorProto}s and {@link Tensor}s: typed fields, little-endian
 * {@code raw_data}, data in external files, and sparse tensors.
 */
public final class TensorProtos {
    private TensorProtos() {}

    /**
     * The tensor a proto holds; {@code external} resolves data kept in files beside the model
     * (null when the proto comes from somewhere without such files). {@code what} names the tensor
     * in messages, e.g. "initializer 'conv1.weight'".
     */
    public static Tensor toTensor(TensorProto p, ExternalData external, String what) {
        DType dtype;
        try {
            dtype = DType.fromOnnx(p.getDataType());
        } catch (ModelFormatException e) {
            throw new ModelFormatException(what + " has unknown data type " + p.getDataType());
        }
        Shape shape;
        try {
            shape = Shape.of(p.getDimsList().stream().mapToLong(Long::longValue).toArray());
        } catch (RuntimeException e) {
            throw new ModelFormatException(what + " has invalid dimensions " + p.getDimsList());
        }
        if (p.hasSegment()) {
            throw new ModelFormatException(what + " is stored in segments, which is not supported");
        }
        int n = shape.size();
        Object data;
        if (p.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            if (external == null) {
                throw new ModelFormatException(what + " keeps its data in an external file, "
                        + "but there is no model folder to find it in");
            }
            ByteBuffer bytes = external.read(p.getExternalDataList(), what);
            data = fromRaw(dtype, n, bytes, what);
        } else if (p.hasRawData()) {
            data = fromRaw(dtype, n, p.getRawData().asReadOnlyByteBuffer(), what);
        } else {
            data = fromTyped(p, dtype, n, what);
        }
        return Tensor.wrap(dtype, shape, data);
    }

    public static Tensor toTensor(TensorProto p, String what) {
        return toTensor(p, null, what);
    }

    private static Object fromRaw(DType dtype, int n, ByteBuffer raw, String what) {
        ByteBuffer b = raw.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (dtype == DType.STRING) {
            throw new ModelFormatException(what + " is a string tensor in raw_data, which ONNX forbids");
        }
        long expected = dtype.bits() == 4 ? (n + 1L) / 2 : (long) n * dtype.bits() / 8;
        if (b.remaining() != expected) {
            throw new ModelFormatException(what + " declares " + n + " " + dtype + " elements ("
                    + expected + " bytes) but holds " + b.remaining() + " bytes");
        }
        Object data = dtype.newArray(n);
        switch (data) {
            case float[] f -> b.asFloatBuffer().get(f);
            case double[] d -> b.asDoubleBuffer().get(d);
            case long[] l -> b.asLongBuffer().get(l);
            case int[] i -> b.asIntBuffer().get(i);
            case short[] s -> b.asShortBuffer().get(s);
            case boolean[] z -> {
                for (int i = 0; i < n; i++) {
                    z[i] = b.get(i) != 0;
                }
            }
            case byte[] by -> {
                if (dtype.bits() == 4) {
                    unpackNibbles(dtype, n, i -> b.get(i), by);
                } else {
                    b.get(by);
                }
            }
            default -> throw new IllegalStateException();
        }
        return data;
    }

    private interface ByteSource {
        int get(int i);
    }

    private static void unpackNibbles(DType dtype, int n, ByteSource src, byte[] out) {
        for (int i = 0; i < n; i++) {
            int v = (src.get(i / 2) >> ((i & 1) * 4)) & 0xf;
            out[i] = (byte) (dtype == DType.INT4 ? (v << 28) >> 28 : v);
        }
    }

    private static Object fromTyped(TensorProto p, DType dtype, int n, String what) {
        int slots = n * dtype.slotsPerElement();
        Object data = dtype.newArray(n);
        switch (dtype) {
            case FLOAT32, COMPLEX64 -> {
                check(p.getFloatDataCount(), slots, what, "float_data");
                float[] f = (float[]) data;
                for (int i = 0; i < slots; i++) {
                    f[i] = p.getFloatData(i);
                }
            }
            case FLOAT64, COMPLEX128 -> {
                check(p.getDoubleDataCount(), slots, what, "double_data");
                double[] d = (double[]) data;
                for (int i = 0; i < slots; i++) {
                    d[i] = p.getDoubleData(i);
                }
            }
            case INT64 -> {
                check(p.getInt64DataCount(), n, what, "int64_data");
                long[] l = (long[]) data;
                for (int i = 0; i < n; i++) {
                    l[i] = p.getInt64Data(i);
                }
            }
            case UINT64, UINT32 -> {
                check(p.getUint64DataCount(), n, what, "uint64_data");
                for (int i = 0; i < n; i++) {
                    if (data instanceof long[] l) {
                        l[i] = p.getUint64Data(i);
                    } else {
                        ((int[]) data)[i] = (int) p.getUint64Data(i);
                    }
                }
            }
            case STRING -> {
                check(p.getStringDataCount(), n, what, "string_data");
                String[] s = (String[]) data;
                for (int i = 0; i < n; i++) {
                    s[i] = p.getStringData(i).toString(StandardCharsets.UTF_8);
                }
            }
            case INT4, UINT4, FLOAT4E2M1 -> {
                check(p.getInt32DataCount(), (n + 1) / 2, what, "int32_data");
                unpackNibbles(dtype, n, p::getInt32Data, (byte[]) data);
            }
            default -> {
                // int32, int16, int8, uint16, uint8, bool, float16, bfloat16 and float8 live in int32_data.
                check(p.getInt32DataCount(), n, what, "int32_data");
                switch (data) {
                    case int[] a -> {
                        for (int i = 0; i < n; i++) {
                            a[i] = p.getInt32Data(i);
                        }
                    }
                    case short[] a -> {
                        for (int i = 0; i < n; i++) {
                            a[i] = (short) p.getInt32Data(i);
                        }
                    }
                    case byte[] a -> {
                        for (int i = 0; i < n; i++) {
                            a[i] = (byte) p.getInt32Data(i);
                        }
                    }
                    case boolean[] a -> {
                        for (int i = 0; i < n; i++) {
                            a[i] = p.getInt32Data(i) != 0;
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
        }
        return data;
    }

    private static void check(int have, int want, String what, String field) {
        if (have != want) {
            throw new ModelFormatException(what + " needs " + want + " values in " + field
                    + " but holds " + have);
        }
    }

    /** A dense tensor from a sparse one: zeros (empty strings) except at the listed indices. */
    public static Tensor toDense(SparseTensorProto sp, ExternalData external, String what) {
        Tensor values = toTensor(sp.getValues(), external, what + " (values)");
        Tensor indices = toTensor(sp.getIndices(), external, what + " (indices)");
        Shape shape;
        try {
            shape = Shape.of(sp.getDimsList().stream().mapToLong(Long::longValue).toArray());
        } catch (RuntimeException e) {
            throw new ModelFormatException(what + " has invalid dimensions " + sp.getDimsList());
        }
        Tensor dense = Tensor.zeros(values.dtype(), shape);
        int nnz = values.size();
        int rank = shape.rank();
        int[] strides = shape.strides();
        boolean coordinates = indices.rank() == 2;
        if (values.rank() != 1 || (coordinates ? indices.dims()[0] != nnz || indices.dims()[1] != rank
                : indices.size() != nnz)) {
            throw new ModelFormatException(what + ": " + nnz + " values do not match indices of shape "
                    + indices.shape());
        }
        for (int k = 0; k < nnz; k++) {
            long linear = 0;
            if (coordinates) {
                for (int d = 0; d < rank; d++) {
                    long c = indices.getLong(k * rank + d);
                    if (c < 0 || c >= shape.dim(d)) {
                        throw new ModelFormatException(what + ": index " + c + " out of range on axis " + d);
                    }
                    linear += c * strides[d];
                }
            } else {
                linear = indices.getLong(k);
            }
            if (linear < 0 || linear >= shape.size()) {
                throw new ModelFormatException(what + ": index " + linear + " is outside the tensor");
            }
            copyElement(values, k, dense, (int) linear);
        }
        return dense;
    }

    private static void copyElement(Tensor from, int i, Tensor to, int j) {
        System.arraycopy(from.data(), i, to.data(), j, 1);
    }

    /** A proto holding {@code t} in raw_data (typed string_data for strings), named {@code name}. */
    public static TensorProto fromTensor(Tensor t, String name) {
        TensorProto.Builder b = TensorProto.newBuilder().setDataType(t.dtype().onnxCode());
        if (name != null) {
            b.setName(name);
        }
        for (int d : t.dims()) {
            b.addDims(d);
        }
        if (t.dtype() == DType.STRING) {
            for (String s : t.strings()) {
                b.addStringData(ByteString.copyFromUtf8(s));
            }
            return b.build();
        }
        int n = t.size();
        int bytes = t.dtype().bits() == 4 ? (n + 1) / 2 : n * t.dtype().bits() / 8;
        ByteBuffer buf = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.data()) {
            case float[] f -> buf.asFloatBuffer().put(f);
            case double[] d -> buf.asDoubleBuffer().put(d);
            case long[] l -> buf.asLongBuffer().put(l);
            case int[] i -> buf.asIntBuffer().put(i);
            case short[] s -> buf.asShortBuffer().put(s);
            case boolean[] z -> {
                for (boolean v : z) {
                    buf.put((byte) (v ? 1 : 0));
                }
            }
            case byte[] by -> {
                if (t.dtype().bits() == 4) {
                    for (int i = 0; i < n; i += 2) {
                        int lo = by[i] & 0xf;
                        int hi = i + 1 < n ? by[i + 1] & 0xf : 0;
                        buf.put((byte) (lo | hi << 4));
                    }
                } else {
                    buf.put(by);
                }
            }
            default -> throw new IllegalStateException();
        }
        buf.rewind();
        return b.setRawData(ByteString.copyFrom(buf)).build();
    }

    /** Reads tensor bytes kept in files next to a model. */
    public interface ExternalData {
        ByteBuffer read(List<StringStringEntryProto> location, String what);
    }
}
