package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.value.PyCallable;
import java.util.List;
import java.util.Map;

/** A method bound to its receiver, e.g. {@code message.get} or {@code text.split}. */
final class BoundMethod implements PyCallable {
    interface Impl {
        Object call(List<Object> args, Map<String, Object> kwargs);
    }

    private final String owner;
    private final String name;
    private final Impl impl;

    BoundMethod(String owner, String name, Impl impl) {
        this.owner = owner;
        this.name = name;
        this.impl = impl;
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs) {
        return impl.call(args, kwargs);
    }

    @Override
    public String typeName() {
        return "builtin_function_or_method";
    }

    @Override
    public String str() {
        return "<built-in method " + name + " of " + owner + " object>";
    }
}
