package dev.edge4j.core;

/** A model, tokenizer or data file is truncated, corrupt or not in the format it claims to be. */
public class ModelFormatException extends Edge4jException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
