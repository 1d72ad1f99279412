package dev.edge4j.core.models;

import dev.edge4j.core.Edge4jException;

/** A model name that the catalog does not hold. */
public class UnknownModelException extends Edge4jException {
    public UnknownModelException(String message) {
        super(message);
    }
}
