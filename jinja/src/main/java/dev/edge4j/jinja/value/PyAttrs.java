package dev.edge4j.jinja.value;

/** A runtime object with Python attributes (e.g. {@code loop.index}, {@code macro.name}). */
public interface PyAttrs {
    /** Returned by {@link #attr} when the object has no such attribute. */
    Object ABSENT = new Object();

    Object attr(String name);
}
