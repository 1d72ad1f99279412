package dev.edge4j.onnx.ops.reduce;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Reductions over axes: Reduce*, ArgMax/ArgMin, CumSum. */
public final class ReduceFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("ReduceSum", spec -> new Reduce(spec, Reduce.Kind.SUM));
        reg.insert("ReduceMean", spec -> new Reduce(spec, Reduce.Kind.MEAN));
        reg.insert("ReduceMax", spec -> new Reduce(spec, Reduce.Kind.MAX));
        reg.insert("ReduceMin", spec -> new Reduce(spec, Reduce.Kind.MIN));
        reg.insert("ReduceProd", spec -> new Reduce(spec, Reduce.Kind.PROD));
        reg.insert("ReduceL1", spec -> new Reduce(spec, Reduce.Kind.L1));
        reg.insert("ReduceL2", spec -> new Reduce(spec, Reduce.Kind.L2));
        reg.insert("ReduceLogSum", spec -> new Reduce(spec, Reduce.Kind.LOG_SUM));
        reg.insert("ReduceLogSumExp", spec -> new Reduce(spec, Reduce.Kind.LOG_SUM_EXP));
        reg.insert("ReduceSumSquare", spec -> new Reduce(spec, Reduce.Kind.SUM_SQUARE));
        reg.insert("ArgMax", spec -> new ArgReduce(spec, true));
        reg.insert("ArgMin", spec -> new ArgReduce(spec, false));
        reg.insert("CumSum", CumSum::new);
    }
}
