package dev.edge4j.onnx.ops.control;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ValueType;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.Op;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Subgraph;
import java.util.ArrayList;
import java.util.List;

/**
 * Loop: runs the body while the trip count M is not reached and the condition holds (either may
 * be absent). The body gets the iteration number, the condition and the loop-carried values, and
 * returns the new condition, the new loop-carried values and per-iteration scan outputs, which
 * are stacked along a new first axis.
 */
final class Loop implements Op {
    private final Subgraph body;
    private final int explicit;
    private final int outputs;

    Loop(OpSpec spec) {
        body = spec.subgraph("body");
        explicit = spec.inputCount();
        outputs = spec.outputCount();
    }

    @Override
    public Object[] run(Object[] in, ExecContext ctx) {
        Tensor m = (Tensor) in[0];
        Tensor condIn = explicit > 1 ? (Tensor) in[1] : null;
        long max = m == null ? Long.MAX_VALUE : m.getLong(0);
        boolean cond = condIn == null || condIn.getDouble(0) != 0;
        int carried = explicit - 2;
        Object[] state = new Object[carried];
        System.arraycopy(in, 2, state, 0, carried);
        Object[] outer = java.util.Arrays.copyOfRange(in, explicit, in.length);
        int scans = outputs - carried;
        if (scans < 0) {
            throw new InvalidInputException("Loop has fewer outputs than loop-carried values");
        }
        List<List<Tensor>> scanned = new ArrayList<>();
        for (int k = 0; k < scans; k++) {
            scanned.add(new ArrayList<>());
        }
        for (long i = 0; i < max && cond; i++) {
            Object[] args = new Object[2 + carried];
            args[0] = Tensor.scalar(i);
            args[1] = Tensor.wrap(DType.BOOL, Shape.scalar(), new boolean[] {cond});
            System.arraycopy(state, 0, args, 2, carried);
            Object[] r = body.run(args, outer, ctx);
            if (r.length < 1 + carried + scans) {
                throw new InvalidInputException("Loop body returns " + r.length + " values, needs " + (1 + carried + scans));
            }
            cond = r[0] instanceof Tensor c ? c.getDouble(0) != 0 : cond;
            System.arraycopy(r, 1, state, 0, carried);
            for (int k = 0; k < scans; k++) {
                if (!(r[1 + carried + k] instanceof Tensor t)) {
                    throw new InvalidInputException("Loop scan output " + k + " is not a tensor");
                }
                scanned.get(k).add(t);
            }
        }
        Object[] out = new Object[outputs];
        System.arraycopy(state, 0, out, 0, carried);
        for (int k = 0; k < scans; k++) {
            out[carried + k] = stack(scanned.get(k), body.outputType(1 + carried + k));
        }
        return out;
    }

    /** Stacks equally shaped tensors along a new first axis. */
    static Tensor stack(List<Tensor> items, ValueType declared) {
        if (items.isEmpty()) {
            DType t = declared instanceof ValueType.TensorType tt && tt.dtype() != null ? tt.dtype() : DType.FLOAT32;
            return Tensor.zeros(t, Shape.of(0));
        }
        Tensor first = items.get(0);
        int[] d = first.dims();
        int[] dims = new int[d.length + 1];
        dims[0] = items.size();
        System.arraycopy(d, 0, dims, 1, d.length);
        Shape shape = Shape.of(dims);
        Object data = first.dtype().newArray(shape.size());
        int block = first.size();
        for (int i = 0; i < items.size(); i++) {
            Tensor t = items.get(i);
            if (!t.shape().equals(first.shape()) || t.dtype() != first.dtype()) {
                throw new InvalidInputException("scan outputs differ between iterations: " + first.shape()
                        + " and " + t.shape());
            }
            System.arraycopy(t.data(), 0, data, i * block, block);
        }
        return Tensor.wrap(first.dtype(), shape, data);
    }
}
