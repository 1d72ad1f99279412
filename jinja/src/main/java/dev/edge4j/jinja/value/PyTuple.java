package dev.edge4j.jinja.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple: an immutable sequence that prints with parentheses. A named tuple (as
 * {@code groupby} returns) also answers its field names as attributes.
 */
public final class PyTuple {
    private final List<Object> items;
    private final List<String> fieldNames;
    private final String typeName;

    public PyTuple(List<Object> items) {
        this(items, null, null);
    }

    private PyTuple(List<Object> items, List<String> fieldNames, String typeName) {
        this.items = Collections.unmodifiableList(new ArrayList<>(items));
        this.fieldNames = fieldNames;
        this.typeName = typeName;
    }

    public static PyTuple of(Object... items) {
        return new PyTuple(Arrays.asList(items));
    }

    /** A named tuple such as Jinja's {@code _GroupTuple(grouper, list)}. */
    public static PyTuple named(String typeName, List<String> fieldNames, Object... items) {
        return new PyTuple(Arrays.asList(items), List.copyOf(fieldNames), typeName);
    }

    public List<Object> items() {
        return items;
    }

    public int size() {
        return items.size();
    }

    public Object get(int i) {
        return items.get(i);
    }

    /** The named field's value, or {@link PyAttrs#ABSENT}. */
    public Object field(String name) {
        int i = fieldNames == null ? -1 : fieldNames.indexOf(name);
        return i < 0 ? PyAttrs.ABSENT : items.get(i);
    }

    /** Field names of a named tuple, else null. */
    public List<String> fieldNames() {
        return fieldNames;
    }

    /** Python's class name: {@code tuple}, or the named tuple's. */
    public String typeName() {
        return typeName == null ? "tuple" : typeName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PyTuple t && t.items.equals(items);
    }

    @Override
    public int hashCode() {
        return items.hashCode();
    }
}
