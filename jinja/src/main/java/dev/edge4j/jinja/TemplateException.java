package dev.edge4j.jinja;

import dev.edge4j.core.Edge4jException;

/**
 * A chat template could not be parsed or rendered. The message names the template line and what
 * is wrong; {@link #detail()} is the bare reason as Python's Jinja2 words it.
 */
public abstract class TemplateException extends Edge4jException {
    private final int line;
    private final String detail;

    protected TemplateException(String detail, int line) {
        super(line > 0 ? "chat template line " + line + ": " + detail : "chat template: " + detail);
        this.line = line;
        this.detail = detail;
    }

    /** The 1-based template line the error points at, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The reason without the line prefix, worded as Jinja2 words it. */
    public String detail() {
        return detail;
    }
}
