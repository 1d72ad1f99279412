package dev.edge4j.onnx.ops;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;

/**
 * Moves elements of any type by index: {@code out[i] = src[index[i]]}. Ops that rearrange data
 * without computing (transpose, slice, gather, tile, expand...) build an index map and call this,
 * so they work for every element type with one loop per carrier array.
 */
public final class Take {
    private Take() {}

    public static Tensor take(Tensor src, int[] index, Shape shape) {
        DType t = src.dtype();
        if (t.isComplex()) {
            throw new dev.edge4j.core.InvalidInputException("complex tensors are not supported here");
        }
        Object out = t.newArray(shape.size());
        take(src.data(), index, out);
        return Tensor.wrap(t, shape, out);
    }

    public static void take(Object src, int[] index, Object dst) {
        int n = index.length;
        switch (src) {
            case float[] s -> {
                float[] d = (float[]) dst;
                for (int i = 0; i < n; i++) {
                    d[i] = s[index[i]];
                }
            }
            case double[] s -> {
                double[] d = (double[]) dst;
                for (int i = 0; i < n; i++) {
                    d[i] = s[index[i]];
                }
            }
            case long[] s -> {
                long[] d = (long[]) dst;
                for (int i = 0; i < n; i++) {
                    d[i] = s[index[i]];
                }
            }
            case int[] s -> {
                int[] d = (int[]) dst;
                for (int i = 0; i < n; i++) {
                    d[i] = s[index[i]];
                }
            }
            case short[] s -> {
                short[] d = (short[]) dst;
                for (int i = 0; i < n; i++) {
                    d[i] = s[index[i]];
                }
            }
            case byte[] s -> {
                byte[] d = (byte[]) dst;
                for (int i = 0; i < n; i++) {
                    d[i] = s[index[i]];
                }
            }
            case boolean[] s -> {
                boolean[] d = (boolean[]) dst;
                for (int i = 0; i < n; i++) {
                    d[i] = s[index[i]];
                }
            }
            case String[] s -> {
                String[] d = (String[]) dst;
                for (int i = 0; i < n; i++) {
                    d[i] = s[index[i]];
                }
            }
            default -> throw new IllegalStateException("not a tensor array: " + src.getClass());
        }
    }

    /** The same element type, new shape, with every element equal to element 0 of {@code src}. */
    public static Tensor fill(Tensor src, Shape shape) {
        return take(src, new int[shape.size()], shape);
    }
}
