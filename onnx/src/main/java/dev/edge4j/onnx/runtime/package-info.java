/** Compiling a graph into a plan of steps over frame slots, and running it with buffer reuse. */
package dev.edge4j.onnx.runtime;
