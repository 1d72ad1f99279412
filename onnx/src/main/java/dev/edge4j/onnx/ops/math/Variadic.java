package dev.edge4j.onnx.ops.math;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.SimpleOp;

/** Sum, Max, Min and Mean of any number of broadcast inputs, folded pairwise. */
public final class Variadic implements SimpleOp {
    private final String name;
    private final Binary pair;
    private final boolean mean;

    public Variadic(String name, Binary pair, boolean mean) {
        this.name = name;
        this.pair = pair;
        this.mean = mean;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor acc = null;
        int count = 0;
        for (Tensor t : in) {
            if (t == null) {
                continue;
            }
            if (acc != null && acc.dtype() != t.dtype()) {
                throw new InvalidInputException(name + ": inputs have different element types ("
                        + acc.dtype() + " and " + t.dtype() + ")");
            }
            acc = acc == null ? t : pair.apply(acc, t, ctx);
            count++;
        }
        if (acc == null) {
            throw new InvalidInputException(name + " needs at least one input");
        }
        if (count == 1) {
            return acc.copy();
        }
        if (mean) {
            Tensor out = Tensor.zeros(acc.dtype(), acc.shape());
            for (int i = 0; i < acc.size(); i++) {
                out.setDouble(i, acc.getDouble(i) / count);
            }
            return out;
        }
        return acc;
    }
}
