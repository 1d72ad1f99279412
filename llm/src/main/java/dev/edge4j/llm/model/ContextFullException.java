package dev.edge4j.llm.model;

import dev.edge4j.core.InvalidInputException;

/** The tokens to evaluate do not fit in what is left of the session's context. */
public final class ContextFullException extends InvalidInputException {
    private final int used;
    private final int requested;
    private final int capacity;

    public ContextFullException(int used, int requested, int capacity) {
        super("the context is full: " + used + " tokens are in it and " + requested + " more do not fit in its "
                + capacity + " (start a new conversation, or raise the context length with --ctx)");
        this.used = used;
        this.requested = requested;
        this.capacity = capacity;
    }

    public int used() {
        return used;
    }

    public int requested() {
        return requested;
    }

    public int capacity() {
        return capacity;
    }
}
