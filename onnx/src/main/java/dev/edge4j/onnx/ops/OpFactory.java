package dev.edge4j.onnx.ops;

/** Builds the {@link Op} for one node from its attributes, opset version and inputs. */
@FunctionalInterface
public interface OpFactory {
    Op create(OpSpec spec);
}
