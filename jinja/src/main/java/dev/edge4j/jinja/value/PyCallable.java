package dev.edge4j.jinja.value;

import java.util.List;
import java.util.Map;

/** Anything a template can call: globals, bound methods, macros, {@code loop}. */
public interface PyCallable extends PyObject {
    Object call(List<Object> args, Map<String, Object> kwargs);
}
