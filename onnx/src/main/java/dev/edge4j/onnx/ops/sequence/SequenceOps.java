package dev.edge4j.onnx.ops.sequence;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.OptionalValue;
import dev.edge4j.onnx.TensorSequence;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import java.util.ArrayList;
import java.util.List;

/** The sequence operators: build, read, change and measure lists of tensors. */
final class SequenceOps {
    private SequenceOps() {}

    static TensorSequence sequence(Object v, String what) {
        if (v instanceof OptionalValue o) {
            v = o.value();
        }
        if (v instanceof TensorSequence s) {
            return s;
        }
        throw new InvalidInputException(what + " must be a sequence, got " + (v == null ? "nothing" : v.getClass().getSimpleName()));
    }

    static Tensor tensor(Object v, String what) {
        if (v instanceof Tensor t) {
            return t;
        }
        throw new InvalidInputException(what + " must be a tensor");
    }

    /** A position into a sequence of {@code size}; {@code allowEnd} accepts size itself (insert at the end). */
    static int position(Object v, int size, boolean allowEnd) {
        long p = Ops.scalarLong(tensor(v, "position"), "position");
        long q = p < 0 ? p + size : p;
        if (q < 0 || q > size || (!allowEnd && q == size)) {
            throw new InvalidInputException("position " + p + " is out of range for a sequence of " + size);
        }
        return (int) q;
    }

    static Op empty(OpSpec spec) {
        DType t = DType.fromOnnx(spec.attrs().getInt("dtype", 1));
        return (in, ctx) -> new Object[] {new TensorSequence(t, List.of())};
    }

    static Op construct(OpSpec spec) {
        return (in, ctx) -> {
            List<Tensor> items = new ArrayList<>();
            for (Object o : in) {
                items.add(tensor(o, "SequenceConstruct input"));
            }
            if (items.isEmpty()) {
                throw new InvalidInputException("SequenceConstruct needs at least one tensor");
            }
            DType t = items.get(0).dtype();
            for (Tensor x : items) {
                if (x.dtype() != t) {
                    throw new InvalidInputException("SequenceConstruct inputs differ in element type");
                }
            }
            return new Object[] {new TensorSequence(t, items)};
        };
    }

    static Op insert(OpSpec spec) {
        return (in, ctx) -> {
            TensorSequence s = sequence(in[0], "SequenceInsert input");
            Tensor t = tensor(in[1], "SequenceInsert tensor");
            if (s.elementType() != null && t.dtype() != s.elementType()) {
                throw new InvalidInputException("SequenceInsert: a " + t.dtype() + " tensor into a sequence of "
                        + s.elementType());
            }
            List<Tensor> items = new ArrayList<>(s.tensors());
            int p = in.length > 2 && in[2] != null ? position(in[2], items.size(), true) : items.size();
            items.add(p, t);
            return new Object[] {new TensorSequence(t.dtype(), items)};
        };
    }

    static Op at(OpSpec spec) {
        return (in, ctx) -> {
            TensorSequence s = sequence(in[0], "SequenceAt input");
            return new Object[] {s.get(position(in[1], s.size(), false))};
        };
    }

    static Op erase(OpSpec spec) {
        return (in, ctx) -> {
            TensorSequence s = sequence(in[0], "SequenceErase input");
            List<Tensor> items = new ArrayList<>(s.tensors());
            if (items.isEmpty()) {
                throw new InvalidInputException("SequenceErase on an empty sequence");
            }
            int p = in.length > 1 && in[1] != null ? position(in[1], items.size(), false) : items.size() - 1;
            items.remove(p);
            return new Object[] {new TensorSequence(s.elementType(), items)};
        };
    }

    static Op length(OpSpec spec) {
        return (in, ctx) -> new Object[] {Tensor.scalar((long) sequence(in[0], "SequenceLength input").size())};
    }

    static Op splitToSequence(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 0);
        boolean keepDims = spec.attrs().getLong("keepdims", 1) != 0;
        return (in, ctx) -> {
            Tensor x = tensor(in[0], "SplitToSequence input");
            Tensor split = in.length > 1 ? (Tensor) in[1] : null;
            int ax = Ops.axis(axis, x.rank());
            int len = x.shape().dim(ax);
            long[] lengths;
            boolean squeeze = false;
            if (split == null) {
                lengths = new long[len];
                java.util.Arrays.fill(lengths, 1);
                squeeze = !keepDims;
            } else if (split.rank() == 0) {
                long chunk = Ops.scalarLong(split, "split");
                if (chunk <= 0) {
                    throw new InvalidInputException("SplitToSequence split " + chunk + " must be positive");
                }
                int parts = (int) ((len + chunk - 1) / chunk);
                lengths = new long[parts];
                for (int i = 0; i < parts; i++) {
                    lengths[i] = Math.min(chunk, len - i * chunk);
                }
            } else {
                lengths = Ops.longs(split, "split");
            }
            Tensor[] parts = SplitSupport.split(x, ax, lengths);
            List<Tensor> items = new ArrayList<>();
            for (Tensor p : parts) {
                if (squeeze) {
                    int[] d = p.dims();
                    int[] d2 = new int[d.length - 1];
                    for (int i = 0, k = 0; i < d.length; i++) {
                        if (i != ax) {
                            d2[k++] = d[i];
                        }
                    }
                    p = p.reshape(d2);
                }
                items.add(p);
            }
            return new Object[] {new TensorSequence(x.dtype(), items)};
        };
    }

    static Op concatFromSequence(OpSpec spec) {
        long axis = spec.attrs().getLong("axis", 0);
        boolean newAxis = spec.attrs().getLong("new_axis", 0) != 0;
        return (in, ctx) -> {
            TensorSequence s = sequence(in[0], "ConcatFromSequence input");
            if (s.size() == 0) {
                throw new InvalidInputException("ConcatFromSequence on an empty sequence");
            }
            List<Tensor> items = new ArrayList<>();
            int r = s.get(0).rank() + (newAxis ? 1 : 0);
            int ax = Ops.axis(axis, r);
            for (Tensor t : s.tensors()) {
                if (newAxis) {
                    int[] d = t.dims();
                    int[] d2 = new int[d.length + 1];
                    for (int i = 0, k = 0; i < d2.length; i++) {
                        d2[i] = i == ax ? 1 : d[k++];
                    }
                    t = t.reshape(d2);
                }
                items.add(t);
            }
            return new Object[] {SplitSupport.concat(items, ax)};
        };
    }
}
