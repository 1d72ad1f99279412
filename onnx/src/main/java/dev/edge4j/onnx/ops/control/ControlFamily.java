package dev.edge4j.onnx.ops.control;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Control flow with subgraphs: If, Loop, Scan. */
public final class ControlFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("If", If::new);
        reg.insert("Loop", Loop::new);
        reg.insert("Scan", Scan::new);
    }
}
