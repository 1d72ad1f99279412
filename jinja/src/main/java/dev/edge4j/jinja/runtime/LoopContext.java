package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.value.PyAttrs;
import dev.edge4j.jinja.value.PyCallable;
import dev.edge4j.jinja.value.PySized;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The {@code loop} variable: position, first/last, length, neighbours, cycle, changed, recursion. */
final class LoopContext implements PyCallable, PySized, PyAttrs {
    /** Renders the loop body again for a nested iterable (loops marked {@code recursive}). */
    interface Recurse {
        String render(Object iterable, int depth0);
    }

    private static final Object NONE = new Object();

    private final Object iterable;
    private Iterator<Object> iterator;
    private final int depth0;
    private final Recurse recurse;
    private long index0 = -1;
    private Object after = NONE;
    private Object current = NONE;
    private Object before = NONE;
    private Object lastChanged = NONE;
    private Long length;

    LoopContext(Object iterable, Iterator<Object> iterator, int depth0, Recurse recurse) {
        this.iterable = iterable;
        this.iterator = iterator;
        this.depth0 = depth0;
        this.recurse = recurse;
    }

    boolean hasNext() {
        return after != NONE || iterator.hasNext();
    }

    Object next() {
        Object rv;
        if (after != NONE) {
            rv = after;
            after = NONE;
        } else {
            rv = iterator.next();
        }
        index0++;
        before = current;
        current = rv;
        return rv;
    }

    private Object peek() {
        if (after == NONE && iterator.hasNext()) {
            after = iterator.next();
        }
        return after;
    }

    long length() {
        if (length == null) {
            if (PyOps.hasLen(iterable)) {
                length = PyOps.len(iterable);
            } else {
                List<Object> rest = new ArrayList<>();
                iterator.forEachRemaining(rest::add);
                iterator = rest.iterator();
                length = rest.size() + index0 + 1 + (after != NONE ? 1 : 0);
            }
        }
        return length;
    }

    @Override
    public long len() {
        return length();
    }

    @Override
    public Object attr(String name) {
        return switch (name) {
            case "index0" -> index0;
            case "index" -> index0 + 1;
            case "revindex0" -> length() - (index0 + 1);
            case "revindex" -> length() - index0;
            case "first" -> index0 == 0;
            case "last" -> peek() == NONE;
            case "length" -> length();
            case "depth0" -> (long) depth0;
            case "depth" -> (long) depth0 + 1;
            case "previtem" -> index0 == 0 ? Undefined.hint("there is no previous item") : before;
            case "nextitem" -> peek() == NONE ? Undefined.hint("there is no next item") : peek();
            case "cycle" -> method("cycle", (args, kw) -> {
                if (args.isEmpty()) {
                    throw PyError.typeError("no items for cycling given");
                }
                return args.get((int) (index0 % args.size()));
            });
            case "changed" -> method("changed", (args, kw) -> {
                PyTuple value = new PyTuple(args);
                if (lastChanged == NONE || !PyOps.eq(lastChanged, value)) {
                    lastChanged = value;
                    return true;
                }
                return false;
            });
            default -> ABSENT;
        };
    }

    private static PyCallable method(String name, BoundMethod.Impl impl) {
        return new BoundMethod("LoopContext", name, impl);
    }

    @Override
    public Object call(List<Object> args, Map<String, Object> kwargs) {
        if (recurse == null) {
            throw PyError.typeError("The loop must have the 'recursive' marker to be called recursively.");
        }
        if (args.size() != 1 || !kwargs.isEmpty()) {
            throw PyError.typeError("__call__() takes 2 positional arguments but " + (args.size() + 1) + " were given");
        }
        return recurse.render(args.get(0), depth0 + 1);
    }

    @Override
    public String typeName() {
        return "LoopContext";
    }

    @Override
    public String module() {
        return "jinja2.runtime";
    }

    @Override
    public String str() {
        return "<LoopContext " + (index0 + 1) + "/" + length() + ">";
    }
}
