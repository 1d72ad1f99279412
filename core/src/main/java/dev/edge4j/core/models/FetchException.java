package dev.edge4j.core.models;

import dev.edge4j.core.Edge4jException;

/** A model could not be fetched, imported or verified; the message says why and what to do. */
public class FetchException extends Edge4jException {
    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
