package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyArgs;
import dev.edge4j.jinja.python.PyArith;
import dev.edge4j.jinja.python.PyChars;
import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyFormat;
import dev.edge4j.jinja.python.PyJson;
import dev.edge4j.jinja.python.PyNum;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.python.PyStrings;
import dev.edge4j.jinja.value.DictView;
import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.PyIterator;
import dev.edge4j.jinja.value.PyRange;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Jinja2's built-in filters, plus the {@code tojson} that chat templates get (Python's
 * {@code json.dumps} with no HTML escaping), each with Jinja2's argument handling and results.
 */
final class Filters {
    private Filters() {}

    interface Filter {
        Object apply(Interpreter in, Object value, List<Object> args, Map<String, Object> kwargs);
    }

    private static final Map<String, Filter> FILTERS = new HashMap<>();
    private static final Random RANDOM = new Random();

    static Filter get(String name) {
        return FILTERS.get(name);
    }

    static boolean exists(String name) {
        return FILTERS.containsKey(name);
    }

    private static void add(Filter f, String... names) {
        for (String n : names) {
            FILTERS.put(n, f);
        }
    }

    /** Jinja's soft_str: Markup stays Markup, anything else becomes its str(). */
    static Object softStr(Object v) {
        return v instanceof Markup ? v : PyRepr.str(v);
    }

    private static Object strMethod(Object v, String method, Object... args) {
        Object s = softStr(v);
        return PyStrings.call(PyOps.text(s), s instanceof Markup, method, java.util.Arrays.asList(args), Map.of());
    }

    static {
        add((in, v, a, k) -> {
            new PyArgs("abs", a, k).expect(0, 0);
            if (v instanceof Undefined u) {
                throw u.fail();
            }
            if (!PyNum.isNumber(v)) {
                throw PyError.typeError("bad operand type for abs(): '" + PyRepr.typeName(v) + "'");
            }
            return PyOps.truthy(PyOps.compare("<", v, 0L)) ? PyNum.neg(v) : PyNum.pos(v);
        }, "abs");
        add((in, v, a, k) -> {
            PyArgs p = new PyArgs("do_attr", a, k).expect(1, 1, "name");
            return Members.getattr(v, PyRepr.str(p.get(0, "name", null)));
        }, "attr");
        add(Filters::batch, "batch");
        add((in, v, a, k) -> {
            new PyArgs("do_capitalize", a, k).expect(0, 0);
            return strMethod(v, "capitalize");
        }, "capitalize");
        add((in, v, a, k) -> {
            PyArgs p = new PyArgs("do_center", a, k).expect(0, 1, "width");
            return strMethod(v, "center", p.get(0, "width", 80L));
        }, "center");
        add((in, v, a, k) -> {
            new PyArgs("len", a, k).expect(0, 0);
            return PyOps.len(v);
        }, "length", "count");
        add((in, v, a, k) -> {
            PyArgs p = new PyArgs("do_default", a, k).expect(0, 2, "default_value", "boolean");
            Object dflt = p.get(0, "default_value", "");
            boolean bool = PyOps.truthy(p.get(1, "boolean", false));
            return v instanceof Undefined || (bool && !PyOps.truthy(v)) ? dflt : v;
        }, "default", "d");
        add(Filters::dictsort, "dictsort");
        add((in, v, a, k) -> {
            new PyArgs("escape", a, k).expect(0, 0);
            return v instanceof Markup ? v : new Markup(Markup.escape(PyRepr.str(v)));
        }, "escape", "e");
        add((in, v, a, k) -> new Markup(Markup.escape(PyOps.text(v) != null ? PyOps.text(v) : PyRepr.str(v))), "forceescape");
        add(Filters::filesizeformat, "filesizeformat");
        add((in, v, a, k) -> {
            new PyArgs("do_first", a, k).expect(0, 0);
            Iterator<Object> it = PyOps.iterate(v);
            return it.hasNext() ? it.next() : Undefined.hint("No first item, sequence was empty.");
        }, "first");
        add((in, v, a, k) -> {
            new PyArgs("do_last", a, k).expect(0, 0);
            List<Object> items = reversible(v);
            return items.isEmpty() ? Undefined.hint("No last item, sequence was empty.") : items.get(items.size() - 1);
        }, "last");
        add((in, v, a, k) -> {
            List<Object> items = PyOps.toList(v);
            return items.isEmpty() ? Undefined.hint("No random item, sequence was empty.")
                    : items.get(RANDOM.nextInt(items.size()));
        }, "random");
        add(Filters::toFloat, "float");
        add(Filters::toInt, "int");
        add((in, v, a, k) -> {
            if (!a.isEmpty() && !k.isEmpty()) {
                throw new PyError("FilterArgumentError", "can't handle positional and keyword arguments at the same time");
            }
            Object values = !k.isEmpty() ? new LinkedHashMap<Object, Object>(k) : new PyTuple(a);
            return PyFormat.percent(softStr(v), values);
        }, "format");
        add(Filters::groupby, "groupby");
        add(Filters::indent, "indent");
        add(Filters::join, "join");
        add((in, v, a, k) -> {
            new PyArgs("list", a, k).expect(0, 0);
            return PyOps.toList(v);
        }, "list");
        add((in, v, a, k) -> {
            new PyArgs("do_lower", a, k).expect(0, 0);
            return strMethod(v, "lower");
        }, "lower");
        add((in, v, a, k) -> {
            new PyArgs("do_upper", a, k).expect(0, 0);
            return strMethod(v, "upper");
        }, "upper");
        add((in, v, a, k) -> {
            new PyArgs("do_items", a, k).expect(0, 0);
            if (v instanceof Undefined) {
                return new PyIterator(Collections.emptyIterator(), "generator");
            }
            if (!(v instanceof Map<?, ?> m)) {
                throw PyError.typeError("Can only get item pairs from a mapping.");
            }
            @SuppressWarnings("unchecked")
            Map<Object, Object> map = (Map<Object, Object>) m;
            return new PyIterator(PyOps.iterate(new DictView(DictView.Kind.ITEMS, map)), "generator");
        }, "items");
        add(Filters::map, "map");
        add((in, v, a, k) -> minMax(in, v, a, k, true), "min");
        add((in, v, a, k) -> minMax(in, v, a, k, false), "max");
        add((in, v, a, k) -> PyRepr.repr(v), "pprint");
        add((in, v, a, k) -> selectOrReject(in, v, a, k, false, false), "select");
        add((in, v, a, k) -> selectOrReject(in, v, a, k, true, false), "reject");
        add((in, v, a, k) -> selectOrReject(in, v, a, k, false, true), "selectattr");
        add((in, v, a, k) -> selectOrReject(in, v, a, k, true, true), "rejectattr");
        add((in, v, a, k) -> {
            PyArgs p = new PyArgs("do_replace", a, k).expect(2, 3, "old", "new", "count");
            Object count = p.get(2, "count", null);
            return PyStrings.replace(PyRepr.str(v), PyRepr.str(p.get(0, "old", null)), PyRepr.str(p.get(1, "new", null)),
                    count == null ? -1 : PyArgs.integer(count, null));
        }, "replace");
        add(Filters::reverse, "reverse");
        add(Filters::round, "round");
        add((in, v, a, k) -> {
            new PyArgs("do_mark_safe", a, k).expect(0, 0);
            return v instanceof Markup ? v : new Markup(PyRepr.str(v));
        }, "safe");
        add(Filters::slice, "slice");
        add(Filters::sort, "sort");
        add((in, v, a, k) -> {
            new PyArgs("soft_str", a, k).expect(0, 0);
            return softStr(v);
        }, "string");
        add((in, v, a, k) -> striptags(PyOps.text(v) != null ? PyOps.text(v) : PyRepr.str(v)), "striptags");
        add(Filters::sum, "sum");
        add((in, v, a, k) -> {
            new PyArgs("do_title", a, k).expect(0, 0);
            return title(PyRepr.str(softStr(v)));
        }, "title");
        add((in, v, a, k) -> {
            PyArgs p = new PyArgs("do_trim", a, k).expect(0, 1, "chars");
            return strMethod(v, "strip", p.get(0, "chars", null));
        }, "trim");
        add(Filters::truncate, "truncate");
        add(Filters::unique, "unique");
        add((in, v, a, k) -> {
            new PyArgs("do_wordcount", a, k).expect(0, 0);
            String s = PyOps.text(softStr(v));
            long n = 0;
            boolean inWord = false;
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                i += Character.charCount(c);
                boolean w = PyChars.isWord(c);
                if (w && !inWord) {
                    n++;
                }
                inWord = w;
            }
            return n;
        }, "wordcount");
        add(Filters::tojson, "tojson");
        add(Filters::xmlattr, "xmlattr");
    }

    // ---- helpers shared by several filters

    /** Jinja's make_attrgetter: {@code "a.b.0"} looks up each part as an item (then attribute). */
    static Function<Object, Object> attrGetter(Object attribute, Function<Object, Object> post, Object dflt) {
        List<Object> parts = attributeParts(attribute);
        return item -> {
            for (Object part : parts) {
                item = Members.getitem(item, part);
                if (dflt != null && item instanceof Undefined) {
                    item = dflt;
                }
            }
            return post == null ? item : post.apply(item);
        };
    }

    private static List<Object> attributeParts(Object attribute) {
        List<Object> parts = new ArrayList<>();
        if (attribute == null) {
            return parts;
        }
        String s = PyOps.text(attribute);
        if (s == null) {
            parts.add(attribute);
            return parts;
        }
        for (String p : s.split("\\.", -1)) {
            parts.add(!p.isEmpty() && p.chars().allMatch(Character::isDigit) ? (Object) Long.parseLong(p) : p);
        }
        return parts;
    }

    private static Object ignoreCase(Object v) {
        String t = PyOps.text(v);
        if (t == null) {
            return v;
        }
        return PyStrings.call(t, v instanceof Markup, "lower", List.of(), Map.of());
    }

    private static List<Object> reversible(Object v) {
        if (v == null || !(PyOps.hasLen(v) || v instanceof Map) || v instanceof PyIterator) {
            throw PyError.typeError("'" + PyRepr.typeName(v) + "' object is not reversible");
        }
        return PyOps.toList(v);
    }

    // ---- filters with more to them

    private static Object batch(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_batch", a, k).expect(1, 2, "linecount", "fill_with");
        long count = PyArgs.integer(p.get(0, "linecount", null), null);
        Object fill = p.get(1, "fill_with", null);
        List<Object> out = new ArrayList<>();
        List<Object> tmp = new ArrayList<>();
        Iterator<Object> it = PyOps.iterate(v);
        while (it.hasNext()) {
            if (tmp.size() == count) {
                out.add(tmp);
                tmp = new ArrayList<>();
            }
            tmp.add(it.next());
        }
        if (!tmp.isEmpty()) {
            while (fill != null && tmp.size() < count) {
                tmp.add(fill);
            }
            out.add(tmp);
        }
        return new PyIterator(out.iterator(), "generator");
    }

    private static Object dictsort(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_dictsort", a, k).expect(0, 3, "case_sensitive", "by", "reverse");
        boolean caseSensitive = PyOps.truthy(p.get(0, "case_sensitive", false));
        Object by = p.get(1, "by", "key");
        boolean reverse = PyOps.truthy(p.get(2, "reverse", false));
        int pos;
        if ("key".equals(PyOps.text(by))) {
            pos = 0;
        } else if ("value".equals(PyOps.text(by))) {
            pos = 1;
        } else {
            throw new PyError("FilterArgumentError", "You can only sort by either \"key\" or \"value\"");
        }
        if (!(v instanceof Map<?, ?> m)) {
            if (v instanceof Undefined u) {
                throw u.fail();
            }
            throw new PyError("AttributeError", "'" + PyRepr.typeName(v) + "' object has no attribute 'items'");
        }
        List<Object> items = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            items.add(PyTuple.of(e.getKey(), e.getValue()));
        }
        sortBy(items, item -> {
            Object x = ((PyTuple) item).get(pos);
            return caseSensitive ? x : ignoreCase(x);
        }, reverse);
        return items;
    }

    /** Python's stable {@code list.sort(key=..., reverse=...)}. */
    private static void sortBy(List<Object> items, Function<Object, Object> key, boolean reverse) {
        List<Object[]> keyed = new ArrayList<>(items.size());
        for (Object item : items) {
            keyed.add(new Object[] {key.apply(item), item});
        }
        if (reverse) {
            Collections.reverse(keyed);
        }
        keyed.sort((x, y) -> PyOps.compare("<", y[0], x[0]) ? 1 : PyOps.compare("<", x[0], y[0]) ? -1 : 0);
        if (reverse) {
            Collections.reverse(keyed);
        }
        items.clear();
        for (Object[] kv : keyed) {
            items.add(kv[1]);
        }
    }

    private static Object filesizeformat(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_filesizeformat", a, k).expect(0, 1, "binary");
        boolean binary = PyOps.truthy(p.get(0, "binary", false));
        double bytes = ((Number) toFloatStrict(v)).doubleValue();
        int base = binary ? 1024 : 1000;
        String[] prefixes = binary ? new String[] {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"}
                : new String[] {"kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"};
        if (bytes == 1) {
            return "1 Byte";
        }
        if (bytes < base) {
            return (long) bytes + " Bytes";
        }
        double unit = 0;
        String prefix = null;
        for (int i = 0; i < prefixes.length; i++) {
            unit = Math.pow(base, i + 2);
            prefix = prefixes[i];
            if (bytes < unit) {
                break;
            }
        }
        return PyFormat.formatValue(base * bytes / unit, ".1f") + " " + prefix;
    }

    private static Object toFloatStrict(Object v) {
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        Object f = parseFloat(v);
        if (f == null) {
            throw PyError.valueError("could not convert string to float: " + PyRepr.repr(v));
        }
        return f;
    }

    /** Python's float(value), or null where it raises TypeError/ValueError. */
    private static Double parseFloat(Object v) {
        if (PyNum.isNumber(v)) {
            return PyNum.toDouble(v);
        }
        String t = PyOps.text(v);
        if (t == null) {
            return null;
        }
        String s = PyStrings.strip(t, null, true, true).replace("_", "");
        String lower = s.toLowerCase();
        switch (lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower) {
            case "inf", "infinity" -> {
                return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> { }
        }
        if (!s.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            return null;
        }
        return Double.parseDouble(s);
    }

    private static Object toFloat(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_float", a, k).expect(0, 1, "default");
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        Double d = parseFloat(v);
        return d != null ? d : p.get(0, "default", 0.0);
    }

    private static Object toInt(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_int", a, k).expect(0, 2, "default", "base");
        Object dflt = p.get(0, "default", 0L);
        long base = PyArgs.integer(p.get(1, "base", 10L), null);
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNum.isInt(v)) {
            return PyNum.pos(v);
        }
        String t = PyOps.text(v);
        if (t != null) {
            Object parsed = parseInt(t, (int) base);
            if (parsed != null) {
                return parsed;
            }
        }
        Double d = parseFloat(v);
        if (d == null || d.isNaN()) {
            return dflt;
        }
        if (d.isInfinite()) {
            throw new PyError("OverflowError", "cannot convert float infinity to integer");
        }
        return PyNum.norm(new BigDecimal(d).toBigInteger());
    }

    private static Object parseInt(String text, int base) {
        String s = PyStrings.strip(text, null, true, true);
        boolean neg = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            neg = s.startsWith("-");
            s = s.substring(1);
        }
        String lower = s.toLowerCase();
        if ((base == 16 || base == 0) && lower.startsWith("0x")) {
            s = s.substring(2);
            base = 16;
        } else if ((base == 8 || base == 0) && lower.startsWith("0o")) {
            s = s.substring(2);
            base = 8;
        } else if ((base == 2 || base == 0) && lower.startsWith("0b")) {
            s = s.substring(2);
            base = 2;
        } else if (base == 0) {
            base = 10;
        }
        if (s.isEmpty() || s.startsWith("_") || s.endsWith("_") || s.contains("__")) {
            return null;
        }
        try {
            java.math.BigInteger b = new java.math.BigInteger(s.replace("_", ""), base);
            return PyNum.norm(neg ? b.negate() : b);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object groupby(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_groupby", a, k).expect(1, 3, "attribute", "default", "case_sensitive");
        Object attribute = p.get(0, "attribute", null);
        Object dflt = p.get(1, "default", null);
        boolean caseSensitive = PyOps.truthy(p.get(2, "case_sensitive", false));
        Function<Object, Object> key = attrGetter(attribute, caseSensitive ? null : Filters::ignoreCase, dflt);
        List<Object> items = PyOps.toList(v);
        sortBy(items, key, false);
        List<Object> out = new ArrayList<>();
        Function<Object, Object> realKey = attrGetter(attribute, null, dflt);
        int i = 0;
        while (i < items.size()) {
            Object kv = key.apply(items.get(i));
            List<Object> group = new ArrayList<>();
            while (i < items.size() && PyOps.eq(key.apply(items.get(i)), kv)) {
                group.add(items.get(i++));
            }
            out.add(PyTuple.of(caseSensitive ? kv : realKey.apply(group.get(0)), group));
        }
        return out;
    }

    private static Object indent(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_indent", a, k).expect(0, 3, "width", "first", "blank");
        Object width = p.get(0, "width", 4L);
        boolean first = PyOps.truthy(p.get(1, "first", false));
        boolean blank = PyOps.truthy(p.get(2, "blank", false));
        String indention = PyOps.text(width) != null ? PyOps.text(width)
                : " ".repeat((int) Math.max(0, PyArgs.integer(width, null)));
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        String s = PyOps.text(v);
        if (s == null) {
            throw PyError.typeError("unsupported operand type(s) for +=: '" + PyRepr.typeName(v) + "' and 'str'");
        }
        boolean markup = v instanceof Markup;
        if (markup) {
            indention = Markup.escape(indention);
        }
        s = s + "\n";
        List<Object> lines = PyStrings.splitlines(s, false);
        StringBuilder rv = new StringBuilder();
        if (blank) {
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    rv.append('\n').append(indention);
                }
                rv.append((String) lines.get(i));
            }
        } else {
            rv.append((String) lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                String line = (String) lines.get(i);
                rv.append('\n').append(line.isEmpty() ? line : indention + line);
            }
        }
        String result = first ? indention + rv : rv.toString();
        return markup ? new Markup(result) : result;
    }

    private static Object join(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_join", a, k).expect(0, 2, "d", "attribute");
        String sep = PyRepr.str(p.get(0, "d", ""));
        Object attribute = p.get(1, "attribute", null);
        Iterator<Object> it = PyOps.iterate(v);
        Function<Object, Object> get = attribute == null ? null : attrGetter(attribute, null, null);
        StringBuilder b = new StringBuilder();
        boolean firstItem = true;
        while (it.hasNext()) {
            Object item = it.next();
            if (get != null) {
                item = get.apply(item);
            }
            if (!firstItem) {
                b.append(sep);
            }
            b.append(PyRepr.str(item));
            firstItem = false;
        }
        return b.toString();
    }

    private static Object map(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        if (!PyOps.truthy(v)) {
            return new PyIterator(Collections.emptyIterator(), "generator");
        }
        Function<Object, Object> func;
        if (a.isEmpty() && k.containsKey("attribute")) {
            Map<String, Object> rest = new LinkedHashMap<>(k);
            Object attribute = rest.remove("attribute");
            Object dflt = rest.remove("default");
            if (!rest.isEmpty()) {
                throw new PyError("FilterArgumentError", "Unexpected keyword argument '" + rest.keySet().iterator().next() + "'");
            }
            func = attrGetter(attribute, null, dflt);
        } else {
            if (a.isEmpty()) {
                throw new PyError("FilterArgumentError", "map requires a filter argument");
            }
            String name = PyRepr.str(a.get(0));
            List<Object> rest = a.subList(1, a.size());
            func = item -> in.applyFilter(name, item, rest, k);
        }
        Iterator<Object> it = PyOps.iterate(v);
        return new PyIterator(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Object next() {
                return func.apply(it.next());
            }
        }, "generator");
    }

    private static Object minMax(Interpreter in, Object v, List<Object> a, Map<String, Object> k, boolean min) {
        PyArgs p = new PyArgs(min ? "do_min" : "do_max", a, k).expect(0, 2, "case_sensitive", "attribute");
        boolean caseSensitive = PyOps.truthy(p.get(0, "case_sensitive", false));
        Object attribute = p.get(1, "attribute", null);
        Iterator<Object> it = PyOps.iterate(v);
        if (!it.hasNext()) {
            return Undefined.hint("No aggregated item, sequence was empty.");
        }
        Function<Object, Object> key = attrGetter(attribute, caseSensitive ? null : Filters::ignoreCase, null);
        Object best = it.next();
        Object bestKey = key.apply(best);
        while (it.hasNext()) {
            Object item = it.next();
            Object kv = key.apply(item);
            if (min ? PyOps.compare("<", kv, bestKey) : PyOps.compare(">", kv, bestKey)) {
                best = item;
                bestKey = kv;
            }
        }
        return best;
    }

    private static Object selectOrReject(Interpreter in, Object v, List<Object> a, Map<String, Object> k,
            boolean reject, boolean lookupAttr) {
        if (!PyOps.truthy(v)) {
            return new PyIterator(Collections.emptyIterator(), "generator");
        }
        Function<Object, Object> trans = x -> x;
        int off = 0;
        if (lookupAttr) {
            if (a.isEmpty()) {
                throw new PyError("FilterArgumentError", "Missing parameter for attribute name");
            }
            trans = attrGetter(a.get(0), null, null);
            off = 1;
        }
        Function<Object, Boolean> test;
        if (a.size() > off) {
            String name = PyRepr.str(a.get(off));
            List<Object> rest = a.subList(off + 1, a.size());
            test = x -> in.applyTest(name, x, rest, k);
        } else {
            test = PyOps::truthy;
        }
        Function<Object, Object> t = trans;
        Iterator<Object> it = PyOps.iterate(v);
        return new PyIterator(new Iterator<>() {
            private Object pending;
            private boolean has;

            @Override
            public boolean hasNext() {
                while (!has && it.hasNext()) {
                    Object item = it.next();
                    if (test.apply(t.apply(item)) != reject) {
                        pending = item;
                        has = true;
                    }
                }
                return has;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                has = false;
                return pending;
            }
        }, "generator");
    }

    private static Object reverse(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        new PyArgs("do_reverse", a, k).expect(0, 0);
        if (v instanceof String s) {
            return new StringBuilder(s).reverse().toString();
        }
        if (v instanceof Markup m) {
            return new Markup(new StringBuilder(m.value()).reverse().toString());
        }
        if (v instanceof Undefined) {
            return new PyIterator(Collections.emptyIterator(), "reversed");
        }
        List<Object> items;
        String type;
        if (v instanceof List || v instanceof PyTuple || v instanceof Map || v instanceof DictView || v instanceof PyRange) {
            items = PyOps.toList(v);
            type = v instanceof List ? "list_reverseiterator" : v instanceof PyRange ? "range_iterator"
                    : v instanceof PyTuple ? "reversed" : "dict_reversekeyiterator";
        } else {
            if (!PyOps.isIterable(v)) {
                throw new PyError("FilterArgumentError", "argument must be iterable");
            }
            items = PyOps.toList(v);
            Collections.reverse(items);
            return items;
        }
        Collections.reverse(items);
        return new PyIterator(items.iterator(), type);
    }

    private static Object round(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_round", a, k).expect(0, 2, "precision", "method");
        long precision = PyArgs.integer(p.get(0, "precision", 0L), null);
        String method = PyRepr.str(p.get(1, "method", "common"));
        if (!Set.of("common", "ceil", "floor").contains(method)) {
            throw new PyError("FilterArgumentError", "method must be common, ceil or floor");
        }
        if (!PyNum.isNumber(v)) {
            throw PyError.typeError("type " + PyRepr.typeName(v) + " doesn't define __round__ method");
        }
        if (method.equals("common")) {
            if (PyNum.isInt(v)) {
                if (precision >= 0) {
                    return PyNum.pos(v);
                }
                BigDecimal r = new BigDecimal(PyNum.big(v)).setScale((int) precision, RoundingMode.HALF_EVEN);
                return PyNum.norm(r.toBigInteger());
            }
            double d = (Double) v;
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return d;
            }
            return new BigDecimal(d).setScale((int) precision, RoundingMode.HALF_EVEN).doubleValue();
        }
        Object scale = PyNum.pow(10L, precision);
        double x = PyNum.toDouble(PyNum.mul(v, scale));
        double r = method.equals("ceil") ? Math.ceil(x) : Math.floor(x);
        return PyNum.trueDiv(r, scale);
    }

    private static Object slice(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_slice", a, k).expect(1, 2, "slices", "fill_with");
        long slices = PyArgs.integer(p.get(0, "slices", null), null);
        Object fill = p.get(1, "fill_with", null);
        List<Object> seq = PyOps.toList(v);
        int length = seq.size();
        long perSlice = length / slices;
        long withExtra = length % slices;
        long offset = 0;
        List<Object> out = new ArrayList<>();
        for (long n = 0; n < slices; n++) {
            long start = offset + n * perSlice;
            if (n < withExtra) {
                offset++;
            }
            long end = offset + (n + 1) * perSlice;
            List<Object> tmp = new ArrayList<>(seq.subList((int) Math.min(start, length), (int) Math.min(end, length)));
            if (fill != null && n >= withExtra) {
                tmp.add(fill);
            }
            out.add(tmp);
        }
        return new PyIterator(out.iterator(), "generator");
    }

    private static Object sort(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_sort", a, k).expect(0, 3, "reverse", "case_sensitive", "attribute");
        boolean reverse = PyOps.truthy(p.get(0, "reverse", false));
        boolean caseSensitive = PyOps.truthy(p.get(1, "case_sensitive", false));
        Object attribute = p.get(2, "attribute", null);
        List<Function<Object, Object>> getters = new ArrayList<>();
        List<Object> names = attribute instanceof String s ? new ArrayList<>(List.of((Object[]) s.split(",", -1)))
                : new ArrayList<>(Collections.singletonList(attribute));
        for (Object n : names) {
            getters.add(attrGetter(n, caseSensitive ? null : Filters::ignoreCase, null));
        }
        List<Object> items = PyOps.toList(v);
        sortBy(items, item -> {
            List<Object> key = new ArrayList<>();
            for (Function<Object, Object> g : getters) {
                key.add(g.apply(item));
            }
            return key;
        }, reverse);
        return items;
    }

    static String striptags(String s) {
        String noTags = s.replaceAll("(?s)(<!--.*?-->|<[^>]*>)", "");
        return Members.unescape(String.join(" ", PyStrings.split(noTags, null, -1).stream().map(x -> (String) x).toList()));
    }

    private static Object sum(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_sum", a, k).expect(0, 2, "attribute", "start");
        Object attribute = p.get(0, "attribute", null);
        Object total = p.get(1, "start", 0L);
        if (PyOps.text(total) != null) {
            throw PyError.typeError("sum() can't sum strings [use ''.join(seq) instead]");
        }
        Function<Object, Object> get = attribute == null ? x -> x : attrGetter(attribute, null, null);
        Iterator<Object> it = PyOps.iterate(v);
        while (it.hasNext()) {
            total = PyArith.add(total, get.apply(it.next()));
        }
        return total;
    }

    /** Jinja's title filter: each word (split at spaces, dashes and brackets) capitalized. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            boolean sep = isTitleSep(s.codePointAt(i));
            while (j < s.length() && isTitleSep(s.codePointAt(j)) == sep) {
                j += Character.charCount(s.codePointAt(j));
            }
            String item = s.substring(i, j);
            int first = item.codePointAt(0);
            int n = Character.charCount(first);
            out.append(item.substring(0, n).toUpperCase(java.util.Locale.ROOT))
                    .append(item.substring(n).toLowerCase(java.util.Locale.ROOT));
            i = j;
        }
        return out.toString();
    }

    private static boolean isTitleSep(int c) {
        return c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || PyChars.isSpace(c);
    }

    private static Object truncate(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_truncate", a, k).expect(0, 4, "length", "killwords", "end", "leeway");
        long length = PyArgs.integer(p.get(0, "length", 255L), null);
        boolean killwords = PyOps.truthy(p.get(1, "killwords", false));
        String end = PyRepr.str(p.get(2, "end", "..."));
        long leeway = PyArgs.integer(p.get(3, "leeway", 5L), null);
        String s = PyOps.text(v);
        if (s == null) {
            throw PyError.typeError("object of type '" + PyRepr.typeName(v) + "' has no len()");
        }
        int n = s.codePointCount(0, s.length());
        if (n <= length + leeway) {
            return v;
        }
        int cut = (int) Math.max(0, length - end.length());
        String head = s.substring(0, s.offsetByCodePoints(0, Math.min(cut, n)));
        if (killwords) {
            return head + end;
        }
        int sp = head.lastIndexOf(' ');
        return (sp >= 0 ? head.substring(0, sp) : head) + end;
    }

    private static Object unique(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_unique", a, k).expect(0, 2, "case_sensitive", "attribute");
        boolean caseSensitive = PyOps.truthy(p.get(0, "case_sensitive", false));
        Function<Object, Object> key = attrGetter(p.get(1, "attribute", null), caseSensitive ? null : Filters::ignoreCase, null);
        List<Object> seen = new ArrayList<>();
        List<Object> out = new ArrayList<>();
        Iterator<Object> it = PyOps.iterate(v);
        while (it.hasNext()) {
            Object item = it.next();
            Object kv = key.apply(item);
            PyOps.checkHashable(kv);
            if (seen.stream().noneMatch(s -> PyOps.eq(s, kv))) {
                seen.add(kv);
                out.add(item);
            }
        }
        return new PyIterator(out.iterator(), "generator");
    }

    /** The chat-template {@code tojson}: {@code json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)}. */
    private static Object tojson(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("tojson", a, k).expect(0, 4, "ensure_ascii", "indent", "separators", "sort_keys");
        return PyJson.dumps(v, PyOps.truthy(p.get(0, "ensure_ascii", false)), p.get(1, "indent", null),
                p.get(2, "separators", null), PyOps.truthy(p.get(3, "sort_keys", false)));
    }

    private static Object xmlattr(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_xmlattr", a, k).expect(0, 1, "autospace");
        boolean autospace = PyOps.truthy(p.get(0, "autospace", true));
        if (!(v instanceof Map<?, ?> m)) {
            throw new PyError("AttributeError", "'" + PyRepr.typeName(v) + "' object has no attribute 'items'");
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() == null || e.getValue() instanceof Undefined) {
                continue;
            }
            String key = PyRepr.str(e.getKey());
            if (key.matches("(?s).*[\\s/>=].*")) {
                throw PyError.valueError("Invalid character in attribute name: " + PyRepr.repr(key));
            }
            items.add(Markup.escape(key) + "=\"" + Markup.escape(PyRepr.str(e.getValue())) + "\"");
        }
        String rv = String.join(" ", items);
        return autospace && !rv.isEmpty() ? " " + rv : rv;
    }
}
