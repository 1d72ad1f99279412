package dev.edge4j.onnx.ops.training;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Optimizer steps of the ai.onnx.preview.training domain. */
public final class TrainingFamily implements OpFamily {
    private static final String DOMAIN = "ai.onnx.preview.training";

    @Override
    public void register(OpRegistry reg) {
        reg.insert(DOMAIN, "Adagrad", Optimizers::adagrad);
        reg.insert(DOMAIN, "Momentum", Optimizers::momentum);
        reg.insert(DOMAIN, "Adam", Optimizers::adam);
        reg.insert(DOMAIN, "Gradient", Gradient::new);
    }
}
