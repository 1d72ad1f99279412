package dev.edge4j.jinja;

/**
 * Rendering failed the way it fails in Python: an undefined value used, a type error, a sandbox
 * violation. {@link #errorType()} names the Python exception class Jinja2 raises in that case
 * (e.g. {@code UndefinedError}, {@code TypeError}, {@code SecurityError}); {@code RenderLimitError}
 * marks a template stopped because it ran too long or grew too large, where Python would hang.
 */
public class TemplateRenderException extends TemplateException {
    private final String errorType;

    public TemplateRenderException(String errorType, String detail, int line) {
        super(detail, line);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
