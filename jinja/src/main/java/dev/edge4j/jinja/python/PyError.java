package dev.edge4j.jinja.python;

/**
 * A Python exception raised while rendering: {@code type} is the exception class Python's Jinja2
 * would raise (TypeError, UndefinedError, ...), {@code message} its text. The interpreter adds the
 * template line before it leaves the engine.
 */
public final class PyError extends RuntimeException {
    private final String type;
    private int line;

    public PyError(String type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    public String type() {
        return type;
    }

    public int line() {
        return line;
    }

    /** Records the line of the innermost node that saw the error, once. */
    public PyError atLine(int line) {
        if (this.line == 0) {
            this.line = line;
        }
        return this;
    }

    public static PyError typeError(String message) {
        return new PyError("TypeError", message);
    }

    public static PyError valueError(String message) {
        return new PyError("ValueError", message);
    }
}
