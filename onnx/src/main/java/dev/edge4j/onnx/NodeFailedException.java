package dev.edge4j.onnx;

import dev.edge4j.core.Edge4jException;

/**
 * A node could not compute its outputs from the values it was given: shapes that do not fit the
 * operator, an index out of range, a tensor too large for memory. The message names the node, its
 * operator and opset, and what was wrong.
 */
public class NodeFailedException extends Edge4jException {
    public NodeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
