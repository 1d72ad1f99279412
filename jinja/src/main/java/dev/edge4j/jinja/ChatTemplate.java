package dev.edge4j.jinja;

import dev.edge4j.core.Edge4jException;
import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.runtime.Checker;
import dev.edge4j.jinja.runtime.Globals;
import dev.edge4j.jinja.runtime.Interpreter;
import dev.edge4j.jinja.runtime.Values;
import dev.edge4j.jinja.scope.Analysis;
import dev.edge4j.jinja.syntax.Parser;
import dev.edge4j.jinja.syntax.Stmt;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A chat template (a GGUF's {@code tokenizer.chat_template}, a {@code tokenizer_config.json}'s
 * {@code chat_template}) rendered exactly as Hugging Face transformers' {@code apply_chat_template}
 * renders it with Python's Jinja2: a sandboxed environment with {@code trim_blocks},
 * {@code lstrip_blocks}, loop controls, {@code raise_exception}, {@code strftime_now} and a
 * {@code tojson} that does not escape HTML.
 *
 * <pre>{@code
 * ChatTemplate template = ChatTemplate.parse(source);
 * String prompt = template.render(ChatContext.builder()
 *         .messages(List.of(Map.of("role", "user", "content", "Hello")))
 *         .addGenerationPrompt(true)
 *         .bosToken("<s>").eosToken("</s>")
 *         .build());
 * }</pre>
 *
 * A parsed template is immutable and may be rendered from several threads at once.
 */
public final class ChatTemplate {
    private final String source;
    private final List<Stmt> body;
    private final Analysis analysis;

    private ChatTemplate(String source, List<Stmt> body, Analysis analysis) {
        this.source = source;
        this.body = body;
        this.analysis = analysis;
    }

    /**
     * Parses a template.
     *
     * @throws TemplateSyntaxException naming the line and the problem, as Jinja2 reports it
     */
    public static ChatTemplate parse(String source) {
        Objects.requireNonNull(source, "source");
        try {
            List<Stmt> body = Parser.parse(source);
            Checker.check(body);
            return new ChatTemplate(source, body, Analysis.of(body));
        } catch (StackOverflowError e) {
            throw new TemplateSyntaxException("the template nests too deeply to parse", 0);
        }
    }

    public String source() {
        return source;
    }

    /** Renders with the variables of a chat: messages, tools, documents, special tokens, options. */
    public String render(ChatContext context) {
        return render(context.variables(), LocalDateTime::now);
    }

    /** Renders with the given variables; {@code strftime_now} reads the local clock. */
    public String render(Map<String, ?> variables) {
        return render(variables, LocalDateTime::now);
    }

    /**
     * Renders with the given variables (plain Maps, Lists, Strings, Numbers, Booleans and null);
     * {@code strftime_now} formats the time {@code now} supplies.
     *
     * @throws TemplateRaisedException when the template calls {@code raise_exception}
     * @throws TemplateRenderException when rendering fails as it would in Python
     */
    public String render(Map<String, ?> variables, Supplier<LocalDateTime> now) {
        Map<String, Object> context = new LinkedHashMap<>(Globals.create(now));
        for (Map.Entry<String, ?> e : variables.entrySet()) {
            context.put(e.getKey(), Values.fromJava(e.getValue(), e.getKey()));
        }
        try {
            return new Interpreter(analysis, context).render(body);
        } catch (PyError e) {
            if (e.type().equals("TemplateError")) {
                throw new TemplateRaisedException(e.getMessage(), e.line());
            }
            throw new TemplateRenderException(e.type(), e.getMessage(), e.line());
        } catch (StackOverflowError e) {
            throw new TemplateRenderException("RecursionError", "maximum recursion depth exceeded while rendering", 0);
        } catch (Edge4jException e) {
            throw e;
        } catch (RuntimeException e) {
            // A failure Python would not have: report it as a render error and keep the cause for a bug report.
            TemplateRenderException wrapped = new TemplateRenderException("InternalError",
                    "unexpected failure while rendering (" + e + ")", 0);
            wrapped.initCause(e);
            throw wrapped;
        }
    }
}
