package dev.edge4j.core;

/**
 * Base of every error Edge4j reports to a user. The message is one sentence that names the file,
 * node, field or value that is wrong, so the CLI can print it as it is, without a stack trace.
 */
public class Edge4jException extends RuntimeException {
    public Edge4jException(String message) {
        super(message);
    }

    public Edge4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
