/**
 * Operators. Each family (a subpackage) registers factories by op type in an
 * {@link dev.edge4j.onnx.ops.OpFamily}; a factory turns a node into an {@link dev.edge4j.onnx.ops.Op}
 * once, at load time. Shared helpers: broadcasting, strided index maps, element moves by index.
 */
package dev.edge4j.onnx.ops;
