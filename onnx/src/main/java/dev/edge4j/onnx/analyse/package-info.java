/** Static analysis of a graph: element types and shapes, as far as they can be told before running. */
package dev.edge4j.onnx.analyse;
