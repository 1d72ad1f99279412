package dev.edge4j.jinja;

/** The template source is not valid Jinja (Jinja2's TemplateSyntaxError / TemplateAssertionError). */
public class TemplateSyntaxException extends TemplateException {
    public TemplateSyntaxException(String detail, int line) {
        super(detail, line);
    }
}
