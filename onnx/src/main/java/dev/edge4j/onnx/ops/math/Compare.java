package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.Broadcast;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;

/** Broadcasting comparisons with a bool result: Equal, Less, Greater, LessOrEqual, GreaterOrEqual. */
public final class Compare implements SimpleOp {
    /** The outcome of comparing x with y, given {@code Long.compare}-style order {@code c}. */
    @FunctionalInterface
    public interface Test {
        boolean holds(int c);
    }

    private final String name;
    private final Test test;

    public Compare(String name, Test test) {
        this.name = name;
        this.test = test;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor a = Ops.input(in, 0, "A");
        Tensor b = Ops.input(in, 1, "B");
        Ops.requireSameType(a, b, name);
        Shape shape = Broadcast.shape(a.shape(), b.shape());
        Tensor out = Tensor.zeros(DType.BOOL, shape);
        boolean[] o = out.booleans();
        DType t = a.dtype();
        if (t == DType.STRING) {
            String[] x = a.strings();
            String[] y = b.strings();
            Broadcast.forEachRun(a.shape(), b.shape(), shape, (po, pa, sa, pb, sb, n) -> {
                for (int i = 0; i < n; i++) {
                    o[po + i] = test.holds(Integer.signum(x[pa + i * sa].compareTo(y[pb + i * sb])));
                }
            });
            return out;
        }
        if (!t.isNumeric()) {
            throw new InvalidInputException(name + " does not take " + t + " tensors");
        }
        boolean floating = t.isFloatingPoint();
        boolean u64 = t == DType.UINT64;
        Broadcast.forEachRun(a.shape(), b.shape(), shape, (po, pa, sa, pb, sb, n) -> {
            for (int i = 0; i < n; i++) {
                int ia = pa + i * sa;
                int ib = pb + i * sb;
                if (floating) {
                    double x = a.getDouble(ia);
                    double y = b.getDouble(ib);
                    // NaN compares false with everything (Equal, Less, Greater alike).
                    o[po + i] = !(Double.isNaN(x) || Double.isNaN(y)) && test.holds(x < y ? -1 : x > y ? 1 : 0);
                } else {
                    long x = a.getLong(ia);
                    long y = b.getLong(ib);
                    o[po + i] = test.holds(u64 ? Long.compareUnsigned(x, y) : Long.compare(x, y));
                }
            }
        });
        return out;
    }
}
