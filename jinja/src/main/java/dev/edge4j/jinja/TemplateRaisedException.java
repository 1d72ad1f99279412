package dev.edge4j.jinja;

/**
 * The template itself refused the input by calling {@code raise_exception(message)}, e.g.
 * "Conversation roles must alternate user/assistant/user/assistant/...". {@link #detail()} is the
 * template's message unchanged.
 */
public class TemplateRaisedException extends TemplateRenderException {
    public TemplateRaisedException(String message, int line) {
        super("TemplateError", message, line);
    }
}
