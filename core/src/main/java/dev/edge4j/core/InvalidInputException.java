package dev.edge4j.core;

/** A caller passed something the model or command cannot take: wrong name, type, shape or size. */
public class InvalidInputException extends Edge4jException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
