package dev.edge4j.vision;

import dev.edge4j.core.InvalidInputException;

/** An image that had to show a face shows none the detector can find. */
public class NoFaceException extends InvalidInputException {
    public NoFaceException(String message) {
        super(message);
    }
}
