package dev.edge4j.jinja.value;

/** A runtime object of Jinja's own (loop, macro, function) that knows its Python type and text. */
public interface PyObject {
    /** Python's class name, e.g. {@code LoopContext}. */
    String typeName();

    /** The module of that class: {@code builtins} for Python's own types. */
    default String module() {
        return "builtins";
    }

    /** What {@code str()} prints. */
    String str();
}
