package dev.edge4j.onnx.load;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads NumPy {@code .npy} files (C order, numeric or bool) into tensors. */
public final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-zA-Z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    public static Tensor read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage());
        }
        return parse(bytes, file.toString());
    }

    static Tensor parse(byte[] bytes, String what) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || (bytes[0] & 0xff) != 0x93 || bytes[1] != 'N' || bytes[2] != 'U') {
            throw new InvalidInputException(what + " is not a .npy file");
        }
        int major = bytes[6];
        int headerLen = major == 1 ? (b.getShort(8) & 0xffff) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        if (headerLen < 0 || start + headerLen > bytes.length) {
            throw new InvalidInputException(what + " is truncated");
        }
        String header = new String(bytes, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new InvalidInputException(what + " has a header this reader does not understand: " + header.strip());
        }
        if (f.find() && f.group(1).equals("True")) {
            throw new InvalidInputException(what + " is in Fortran order; save it in C order");
        }
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        DType dtype = dtype(d.group(2).charAt(0), Integer.parseInt(d.group(3)), what);
        List<Long> dims = new ArrayList<>();
        for (String part : s.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.strip()));
            }
        }
        Shape shape = Shape.of(dims.stream().mapToLong(Long::longValue).toArray());
        ByteBuffer data = ByteBuffer.wrap(bytes, start + headerLen, bytes.length - start - headerLen).slice().order(order);
        long need = (long) shape.size() * dtype.bits() / 8;
        if (data.remaining() < need) {
            throw new InvalidInputException(what + " holds " + data.remaining() + " bytes of data, " + shape
                    + " " + dtype + " needs " + need);
        }
        Object arr = dtype.newArray(shape.size());
        switch (arr) {
            case float[] a -> data.asFloatBuffer().get(a);
            case double[] a -> data.asDoubleBuffer().get(a);
            case long[] a -> data.asLongBuffer().get(a);
            case int[] a -> data.asIntBuffer().get(a);
            case short[] a -> data.asShortBuffer().get(a);
            case byte[] a -> data.get(a);
            case boolean[] a -> {
                for (int i = 0; i < a.length; i++) {
                    a[i] = data.get(i) != 0;
                }
            }
            default -> throw new IllegalStateException();
        }
        return Tensor.wrap(dtype, shape, arr);
    }

    private static DType dtype(char kind, int bytes, String what) {
        DType t = switch (kind) {
            case 'f' -> bytes == 4 ? DType.FLOAT32 : bytes == 8 ? DType.FLOAT64 : bytes == 2 ? DType.FLOAT16 : null;
            case 'i' -> bytes == 1 ? DType.INT8 : bytes == 2 ? DType.INT16 : bytes == 4 ? DType.INT32
                    : bytes == 8 ? DType.INT64 : null;
            case 'u' -> bytes == 1 ? DType.UINT8 : bytes == 2 ? DType.UINT16 : bytes == 4 ? DType.UINT32
                    : bytes == 8 ? DType.UINT64 : null;
            case 'b' -> bytes == 1 ? DType.BOOL : null;
            default -> null;
        };
        if (t == null) {
            throw new InvalidInputException(what + " holds NumPy type " + kind + bytes + ", which is not supported");
        }
        return t;
    }
}
