package dev.edge4j.jinja.value;

import java.util.Iterator;

/**
 * A one-shot Python iterator, as filters like {@code map}, {@code select} and {@code items}
 * return: it can be looped over once, has no length and is always true.
 */
public final class PyIterator implements Iterator<Object> {
    private final Iterator<Object> source;
    private final String typeName;

    public PyIterator(Iterator<Object> source, String typeName) {
        this.source = source;
        this.typeName = typeName;
    }

    /** Python's class name for it: generator, list_reverseiterator, ... */
    public String typeName() {
        return typeName;
    }

    @Override
    public boolean hasNext() {
        return source.hasNext();
    }

    @Override
    public Object next() {
        return source.next();
    }
}
