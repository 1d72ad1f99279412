/** Reading ONNX files (and .npy / TensorProto data files) into the graph IR and tensors. */
package dev.edge4j.onnx.load;
