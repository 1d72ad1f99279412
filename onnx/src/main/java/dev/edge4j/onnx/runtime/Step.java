package dev.edge4j.onnx.runtime;

import dev.edge4j.onnx.ir.Node;
import dev.edge4j.onnx.ops.Op;

/**
 * One node of a plan: its op, the frame slots it reads (-1 for absent inputs) and writes (-1 for
 * unwanted outputs), and the slots whose values are dead once it has run.
 */
record Step(Node node, Op op, int[] in, int[] out, int[] release) {}
