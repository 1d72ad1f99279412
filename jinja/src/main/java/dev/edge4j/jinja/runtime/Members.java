package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyArgs;
import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyNum;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.python.PySlice;
import dev.edge4j.jinja.python.PyStrings;
import dev.edge4j.jinja.value.DictView;
import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.Namespace;
import dev.edge4j.jinja.value.PyAttrs;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Attribute and item access as Jinja2's ImmutableSandboxedEnvironment does it: {@code a.b} tries
 * the attribute then the item, {@code a['b']} the item then the attribute, anything missing is
 * Undefined, and methods that would modify a list or dict are refused (SecurityError when used).
 */
final class Members {
    private Members() {}

    private static final Set<String> DICT_METHODS = Set.of(
            "clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values");
    private static final Set<String> DICT_UNSAFE = Set.of("clear", "pop", "popitem", "setdefault", "update");
    private static final Set<String> LIST_METHODS = Set.of(
            "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort");
    // Jinja2 3.1.5 and later also refuse pop and clear (3.1.2 allowed them).
    private static final Set<String> LIST_UNSAFE = Set.of(
            "append", "clear", "pop", "reverse", "insert", "sort", "extend", "remove");
    private static final Set<String> MARKUP_METHODS = Set.of("escape", "unescape", "striptags");

    /** {@code obj.attr}. */
    static Object getattr(Object obj, String attr) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        Object value = attribute(obj, attr);
        if (value != PyAttrs.ABSENT) {
            return value;
        }
        if (obj instanceof Map<?, ?> m) {
            Object[] found = PyOps.dictLookup(m, attr);
            if (found != null) {
                return found[0];
            }
        }
        return Undefined.member(obj, attr);
    }

    /** The {@code attr} filter: the attribute only, never an item of a dict. */
    static Object attributeOnly(Object obj, String attr) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        Object value = attribute(obj, attr);
        return value != PyAttrs.ABSENT ? value : Undefined.member(obj, attr);
    }

    /** {@code obj[key]} (not a slice). */
    static Object getitem(Object obj, Object key) {
        if (obj instanceof Undefined u) {
            throw u.fail();
        }
        Object[] found = null;
        if (obj instanceof Map<?, ?> m) {
            try {
                found = PyOps.dictLookup(m, key);
            } catch (PyError e) {
                found = null;
            }
        } else if (PyNum.isInt(key)) {
            Long i = PyNum.asLong(key);
            found = i == null ? null : PySlice.item(obj, i);
        }
        if (found != null) {
            return found[0];
        }
        if (key instanceof String s) {
            Object value = attribute(obj, s);
            if (value != PyAttrs.ABSENT) {
                return value;
            }
        }
        return Undefined.member(obj, key);
    }

    /** The Python attribute of {@code obj} (a method, a loop property, ...), or ABSENT. */
    private static Object attribute(Object obj, String attr) {
        if (attr.startsWith("__") && attr.endsWith("__") && attr.length() > 4) {
            return Undefined.unsafe(obj, attr, PyRepr.typeName(obj));
        }
        switch (obj) {
            case String s -> {
                if (PyStrings.METHODS.contains(attr)) {
                    return new BoundMethod("str", attr, (a, k) -> PyStrings.call(s, false, attr, a, k));
                }
            }
            case Markup m -> {
                if (PyStrings.METHODS.contains(attr)) {
                    return new BoundMethod("Markup", attr, (a, k) -> PyStrings.call(m.value(), true, attr, a, k));
                }
                if (MARKUP_METHODS.contains(attr)) {
                    return new BoundMethod("Markup", attr, (a, k) -> markupMethod(m, attr, a, k));
                }
            }
            case Map<?, ?> m -> {
                if (DICT_METHODS.contains(attr)) {
                    if (DICT_UNSAFE.contains(attr)) {
                        return Undefined.unsafe(obj, attr, "dict");
                    }
                    @SuppressWarnings("unchecked")
                    Map<Object, Object> map = (Map<Object, Object>) m;
                    return new BoundMethod("dict", attr, (a, k) -> dictMethod(map, attr, a, k));
                }
            }
            case List<?> l -> {
                if (LIST_METHODS.contains(attr)) {
                    if (LIST_UNSAFE.contains(attr)) {
                        return Undefined.unsafe(obj, attr, "list");
                    }
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) l;
                    return new BoundMethod("list", attr, (a, k) -> listMethod(list, attr, a, k));
                }
            }
            case PyTuple t -> {
                if (t.field(attr) != PyAttrs.ABSENT) {
                    return t.field(attr);
                }
                if (attr.equals("count") || attr.equals("index")) {
                    return new BoundMethod("tuple", attr, (a, k) -> listMethod(t.items(), attr, a, k));
                }
            }
            case Namespace ns -> {
                if (ns.attrs().containsKey(attr)) {
                    return ns.attrs().get(attr);
                }
            }
            case PyAttrs p -> {
                return p.attr(attr);
            }
            case Double d -> {
                if (attr.equals("real")) {
                    return d;
                }
                if (attr.equals("imag")) {
                    return 0.0;
                }
                if (attr.equals("is_integer")) {
                    return new BoundMethod("float", attr, (a, k) -> {
                        new PyArgs("float.is_integer", a, k).expect(0, 0);
                        return !d.isInfinite() && d == Math.rint(d);
                    });
                }
            }
            case Long l -> {
                return intAttribute(obj, attr);
            }
            case BigInteger b -> {
                return intAttribute(obj, attr);
            }
            case Boolean b -> {
                return intAttribute(obj, attr);
            }
            case null, default -> { }
        }
        return PyAttrs.ABSENT;
    }

    private static Object intAttribute(Object obj, String attr) {
        return switch (attr) {
            case "real", "numerator" -> PyNum.pos(obj);
            case "imag" -> 0L;
            case "denominator" -> 1L;
            default -> PyAttrs.ABSENT;
        };
    }

    private static Object dictMethod(Map<Object, Object> map, String name, List<Object> args, Map<String, Object> kw) {
        PyArgs a = new PyArgs(name, args, kw);
        return switch (name) {
            case "get" -> {
                a.expect(1, 2);
                Object[] found = PyOps.dictLookup(map, args.get(0));
                yield found != null ? found[0] : (args.size() > 1 ? args.get(1) : null);
            }
            case "items" -> {
                a.expect(0, 0);
                yield new DictView(DictView.Kind.ITEMS, map);
            }
            case "keys" -> {
                a.expect(0, 0);
                yield new DictView(DictView.Kind.KEYS, map);
            }
            case "values" -> {
                a.expect(0, 0);
                yield new DictView(DictView.Kind.VALUES, map);
            }
            case "copy" -> {
                a.expect(0, 0);
                yield new LinkedHashMap<>(map);
            }
            default -> {
                a.expect(1, 2);
                Map<Object, Object> out = new LinkedHashMap<>();
                Object value = args.size() > 1 ? args.get(1) : null;
                PyOps.iterate(args.get(0)).forEachRemaining(k -> out.put(k, value));
                yield out;
            }
        };
    }

    private static Object listMethod(List<Object> list, String name, List<Object> args, Map<String, Object> kw) {
        PyArgs a = new PyArgs(name, args, kw);
        switch (name) {
            case "count" -> {
                a.expect(1, 1);
                long c = 0;
                for (Object o : list) {
                    if (PyOps.eq(o, args.get(0))) {
                        c++;
                    }
                }
                return c;
            }
            case "index" -> {
                a.expect(1, 3);
                PySlice.Bounds b = PySlice.bounds(a.get(1, null, null), a.get(2, null, null), null, list.size());
                long lo = args.size() > 1 ? b.start() : 0;
                long hi = args.size() > 2 ? b.stop() : list.size();
                for (long i = Math.max(0, lo); i < Math.min(hi, list.size()); i++) {
                    if (PyOps.eq(list.get((int) i), args.get(0))) {
                        return i;
                    }
                }
                throw PyError.valueError(PyRepr.repr(args.get(0)) + " is not in " + (list instanceof ArrayList ? "list" : "tuple"));
            }
            case "copy" -> {
                a.expect(0, 0);
                return new ArrayList<>(list);
            }
            case "clear" -> {
                a.expect(0, 0);
                list.clear();
                return null;
            }
            default -> {
                a.expect(0, 1);
                if (list.isEmpty()) {
                    throw new PyError("IndexError", "pop from empty list");
                }
                long i = args.isEmpty() ? -1 : PyArgs.integer(args.get(0), null);
                long k = i < 0 ? i + list.size() : i;
                if (k < 0 || k >= list.size()) {
                    throw new PyError("IndexError", "pop index out of range");
                }
                return list.remove((int) k);
            }
        }
    }

    private static Object markupMethod(Markup m, String name, List<Object> args, Map<String, Object> kw) {
        return switch (name) {
            case "escape" -> {
                new PyArgs(name, args, kw).expect(1, 1);
                Object v = args.get(0);
                yield v instanceof Markup ? v : new Markup(Markup.escape(PyRepr.str(v)));
            }
            case "unescape" -> unescape(m.value());
            default -> TextFilters.striptags(m.value());
        };
    }

    static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
