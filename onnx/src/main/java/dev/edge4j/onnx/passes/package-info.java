/** Graph rewrites: lowering that running needs (Gradient), and optimizations (folding, dead nodes). */
package dev.edge4j.onnx.passes;
