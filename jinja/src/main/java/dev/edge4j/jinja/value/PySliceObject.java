package dev.edge4j.jinja.value;

import dev.edge4j.jinja.python.PyRepr;

/** Python's {@code slice(start, stop, step)} object, as named in messages about a failed subscript. */
public record PySliceObject(Object start, Object stop, Object step) implements PyObject {
    @Override
    public String typeName() {
        return "slice";
    }

    @Override
    public String str() {
        return "slice(" + PyRepr.repr(start) + ", " + PyRepr.repr(stop) + ", " + PyRepr.repr(step) + ")";
    }
}
