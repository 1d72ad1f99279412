package dev.edge4j.onnx.ops.random;

import dev.edge4j.onnx.ops.OpFamily;
import dev.edge4j.onnx.ops.OpRegistry;

/** Random number generators. */
public final class RandomFamily implements OpFamily {
    @Override
    public void register(OpRegistry reg) {
        reg.insert("RandomUniform", spec -> RandomOps.uniform(spec, false));
        reg.insert("RandomUniformLike", spec -> RandomOps.uniform(spec, true));
        reg.insert("RandomNormal", spec -> RandomOps.normal(spec, false));
        reg.insert("RandomNormalLike", spec -> RandomOps.normal(spec, true));
        reg.insert("Bernoulli", RandomOps::bernoulli);
        reg.insert("Multinomial", RandomOps::multinomial);
    }
}
