/** The graph IR: graphs of nodes over named values, their attributes and known types. */
package dev.edge4j.onnx.ir;
