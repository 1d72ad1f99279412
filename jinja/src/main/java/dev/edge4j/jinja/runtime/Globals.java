package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyArgs;
import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.value.Namespace;
import dev.edge4j.jinja.value.PyAttrs;
import dev.edge4j.jinja.value.PyCallable;
import dev.edge4j.jinja.value.PyRange;
import dev.edge4j.jinja.value.PyTuple;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The globals a chat template sees: Jinja2's sandboxed defaults ({@code range}, {@code dict},
 * {@code namespace}, {@code cycler}, {@code joiner}) and the two the chat-template environment adds,
 * {@code raise_exception(message)} and {@code strftime_now(format)}.
 */
public final class Globals {
    private Globals() {}

    /** The sandbox refuses ranges longer than this. */
    static final long MAX_RANGE = 100_000;

    /** A named builtin function. */
    private record Builtin(String name, String type, BoundMethod.Impl impl) implements PyCallable {
        @Override
        public Object call(List<Object> args, Map<String, Object> kwargs) {
            return impl.call(args, kwargs);
        }

        @Override
        public String typeName() {
            return type;
        }

        @Override
        public String str() {
            return type.equals("type") ? "<class '" + name + "'>" : "<function " + name + ">";
        }
    }

    /** All globals, with {@code strftime_now} reading the clock from {@code now}. */
    public static Map<String, Object> create(Supplier<LocalDateTime> now) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("range", new Builtin("range", "type", Globals::range));
        g.put("dict", new Builtin("dict", "type", (a, k) -> {
            new PyArgs("dict", a, Map.of()).expect(0, 1);
            Map<Object, Object> out = new LinkedHashMap<>();
            if (!a.isEmpty()) {
                fill(out, a.get(0));
            }
            out.putAll(k);
            return out;
        }));
        g.put("namespace", new Builtin("Namespace", "type", (a, k) -> {
            new PyArgs("Namespace", a, Map.of()).expect(0, 1);
            Map<Object, Object> init = new LinkedHashMap<>();
            if (!a.isEmpty()) {
                fill(init, a.get(0));
            }
            init.putAll(k);
            Namespace ns = new Namespace();
            for (Map.Entry<Object, Object> e : init.entrySet()) {
                ns.attrs().put(PyRepr.str(e.getKey()), e.getValue());
            }
            return ns;
        }));
        g.put("cycler", new Builtin("Cycler", "type", (a, k) -> new Cycler(a)));
        g.put("joiner", new Builtin("Joiner", "type", (a, k) -> {
            PyArgs p = new PyArgs("Joiner", a, k).expect(0, 1, "sep");
            String sep = PyRepr.str(p.get(0, "sep", ", "));
            boolean[] used = {false};
            return new Builtin("joiner", "Joiner", (x, y) -> {
                if (!used[0]) {
                    used[0] = true;
                    return "";
                }
                return sep;
            });
        }));
        g.put("raise_exception", new Builtin("raise_exception", "function", (a, k) -> {
            PyArgs p = new PyArgs("raise_exception", a, k).expect(1, 1, "message");
            throw new PyError("TemplateError", PyRepr.str(p.get(0, "message", null)));
        }));
        g.put("strftime_now", new Builtin("strftime_now", "function", (a, k) -> {
            PyArgs p = new PyArgs("strftime_now", a, k).expect(1, 1, "format");
            Object fmt = p.get(0, "format", null);
            if (PyOps.text(fmt) == null) {
                throw PyError.typeError("strftime() argument 1 must be str, not " + PyRepr.typeName(fmt));
            }
            return Strftime.format(now.get(), PyOps.text(fmt));
        }));
        return g;
    }

    private static void fill(Map<Object, Object> out, Object source) {
        if (source instanceof Map<?, ?> m) {
            out.putAll(m);
            return;
        }
        Iterator<Object> it = PyOps.iterate(source);
        while (it.hasNext()) {
            List<Object> kv = PyOps.unpack(it.next(), 2);
            out.put(kv.get(0), kv.get(1));
        }
    }

    private static Object range(List<Object> a, Map<String, Object> k) {
        if (!k.isEmpty()) {
            throw PyError.typeError("range() takes no keyword arguments");
        }
        if (a.isEmpty() || a.size() > 3) {
            throw PyError.typeError(a.isEmpty() ? "range expected at least 1 argument, got 0"
                    : "range expected at most 3 arguments, got " + a.size());
        }
        long start = 0;
        long stop;
        long step = 1;
        if (a.size() == 1) {
            stop = PyArgs.integer(a.get(0), null);
        } else {
            start = PyArgs.integer(a.get(0), null);
            stop = PyArgs.integer(a.get(1), null);
            if (a.size() == 3) {
                step = PyArgs.integer(a.get(2), null);
                if (step == 0) {
                    throw PyError.valueError("range() arg 3 must not be zero");
                }
            }
        }
        PyRange r = new PyRange(start, stop, step);
        if (r.length() > MAX_RANGE) {
            throw new PyError("OverflowError", "Range too big. The sandbox blocks ranges larger than MAX_RANGE ("
                    + MAX_RANGE + ").");
        }
        return r;
    }

    /** {@code cycler(a, b, ...)}: {@code next()}, {@code reset()}, {@code current}. */
    private static final class Cycler implements PyAttrs, dev.edge4j.jinja.value.PyObject {
        private final List<Object> items;
        private int pos;

        Cycler(List<Object> items) {
            if (items.isEmpty()) {
                throw PyError.typeError("at least one item has to be provided");
            }
            this.items = items;
        }

        @Override
        public Object attr(String name) {
            return switch (name) {
                case "current" -> items.get(pos);
                case "items" -> new PyTuple(items);
                case "next" -> new BoundMethod("Cycler", "next", (a, k) -> {
                    Object rv = items.get(pos);
                    pos = (pos + 1) % items.size();
                    return rv;
                });
                case "reset" -> new BoundMethod("Cycler", "reset", (a, k) -> {
                    pos = 0;
                    return null;
                });
                default -> ABSENT;
            };
        }

        @Override
        public String typeName() {
            return "Cycler";
        }

        @Override
        public String module() {
            return "jinja2.utils";
        }

        @Override
        public String str() {
            return "<jinja2.utils.Cycler object>";
        }
    }
}
