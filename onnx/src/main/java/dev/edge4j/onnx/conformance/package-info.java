/** Running ONNX backend test folders (the {@code edge4j onnx test} command and the conformance test). */
package dev.edge4j.onnx.conformance;
