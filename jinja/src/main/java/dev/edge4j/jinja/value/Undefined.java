package dev.edge4j.jinja.value;

import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyRepr;

/**
 * Jinja2's Undefined: what a missing variable, key or attribute evaluates to. It prints as empty,
 * is false, iterates as empty, and fails with UndefinedError (or SecurityError for attributes the
 * sandbox forbids) when used in any other way.
 */
public final class Undefined {
    /** Marks "no object": the undefined is a plain missing name. */
    public static final Object NO_OBJECT = new Object();

    private final String hint;
    private final Object obj;
    private final Object name;
    private final String errorType;

    private Undefined(String hint, Object obj, Object name, String errorType) {
        this.hint = hint;
        this.obj = obj;
        this.name = name;
        this.errorType = errorType;
    }

    public static Undefined name(String name) {
        return new Undefined(null, NO_OBJECT, name, "UndefinedError");
    }

    public static Undefined hint(String hint) {
        return new Undefined(hint, NO_OBJECT, null, "UndefinedError");
    }

    /** {@code obj.name} or {@code obj[name]} that does not exist. */
    public static Undefined member(Object obj, Object name) {
        return new Undefined(null, obj, name, "UndefinedError");
    }

    /** An attribute the sandbox forbids (e.g. {@code list.append}). */
    public static Undefined unsafe(Object obj, String attr, String typeName) {
        return new Undefined("access to attribute '" + attr + "' of '" + typeName + "' object is unsafe.",
                obj, attr, "SecurityError");
    }

    public String message() {
        if (hint != null) {
            return hint;
        }
        if (obj == NO_OBJECT) {
            return PyRepr.repr(name) + " is undefined";
        }
        if (!(name instanceof String)) {
            return PyRepr.objectTypeRepr(obj) + " has no element " + PyRepr.repr(name);
        }
        return PyRepr.repr(PyRepr.objectTypeRepr(obj)) + " has no attribute " + PyRepr.repr(name);
    }

    /** The error any use other than printing, testing or iterating raises. */
    public PyError fail() {
        return new PyError(errorType, message());
    }
}
