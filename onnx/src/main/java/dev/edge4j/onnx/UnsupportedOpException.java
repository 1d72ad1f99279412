package dev.edge4j.onnx;

import dev.edge4j.core.ModelFormatException;

/** A model uses an operator (or an operator version or attribute value) the engine does not run. */
public class UnsupportedOpException extends ModelFormatException {
    public UnsupportedOpException(String message) {
        super(message);
    }
}
