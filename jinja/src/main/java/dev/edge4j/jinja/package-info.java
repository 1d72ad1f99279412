/**
 * Chat templates rendered exactly as Hugging Face transformers renders them with Python's Jinja2.
 *
 * <p>{@link dev.edge4j.jinja.ChatTemplate} is the entry point, {@link dev.edge4j.jinja.ChatContext}
 * builds the variables {@code apply_chat_template} passes. Inside, a template goes through
 * {@code syntax} (lexer and parser, Jinja2's grammar and whitespace rules), {@code runtime.Checker}
 * (what Jinja2 rejects when it compiles), {@code scope} (which frame owns which variable, as
 * Jinja2's compiler decides it) and {@code runtime.Interpreter}. {@code python} holds Python's
 * semantics (operators, str methods, repr, json.dumps, format) and {@code value} the runtime values
 * that have no plain Java counterpart (Undefined, Markup, tuples, namespaces).
 */
package dev.edge4j.jinja;
