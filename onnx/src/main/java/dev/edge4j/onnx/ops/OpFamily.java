package dev.edge4j.onnx.ops;

/**
 * A family of operators (math, nn, shape...) registering its factories, tract's
 * {@code reg.insert} style. Families are found with {@link java.util.ServiceLoader}: a new family
 * is one class plus one line in {@code META-INF/services/dev.edge4j.onnx.ops.OpFamily}.
 */
public interface OpFamily {
    void register(OpRegistry reg);
}
