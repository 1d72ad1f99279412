package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyArgs;
import dev.edge4j.jinja.python.PyArith;
import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.value.DictView;
import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.PyIterator;
import dev.edge4j.jinja.value.PyRange;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Function;

/** The filters over lists, dicts and iterables: length, first/last, sort, map, select, join, ... */
final class SequenceFilters {
    private static final Random RANDOM = new Random();

    private SequenceFilters() {}

    static void register(Map<String, Filters.Filter> filters) {
        add(filters, (in, v, a, k) -> {
            PyArgs p = new PyArgs("do_attr", a, k).expect(1, 1, "name");
            return Members.attributeOnly(v, PyRepr.str(p.get(0, "name", null)));
        }, "attr");
        add(filters, SequenceFilters::batch, "batch");
        add(filters, (in, v, a, k) -> {
            new PyArgs("len", a, k).expect(0, 0);
            return PyOps.len(v);
        }, "length", "count");
        add(filters, (in, v, a, k) -> {
            PyArgs p = new PyArgs("do_default", a, k).expect(0, 2, "default_value", "boolean");
            Object dflt = p.get(0, "default_value", "");
            boolean bool = PyOps.truthy(p.get(1, "boolean", false));
            return v instanceof Undefined || (bool && !PyOps.truthy(v)) ? dflt : v;
        }, "default", "d");
        add(filters, SequenceFilters::dictsort, "dictsort");
        add(filters, (in, v, a, k) -> {
            new PyArgs("do_first", a, k).expect(0, 0);
            Iterator<Object> it = PyOps.iterate(v);
            return it.hasNext() ? it.next() : Undefined.hint("No first item, sequence was empty.");
        }, "first");
        add(filters, (in, v, a, k) -> {
            new PyArgs("do_last", a, k).expect(0, 0);
            List<Object> items = reversible(v);
            return items.isEmpty() ? Undefined.hint("No last item, sequence was empty.") : items.get(items.size() - 1);
        }, "last");
        add(filters, (in, v, a, k) -> {
            List<Object> items = PyOps.toList(v);
            return items.isEmpty() ? Undefined.hint("No random item, sequence was empty.")
                    : items.get(RANDOM.nextInt(items.size()));
        }, "random");
        add(filters, SequenceFilters::groupby, "groupby");
        add(filters, SequenceFilters::join, "join");
        add(filters, (in, v, a, k) -> {
            new PyArgs("list", a, k).expect(0, 0);
            return PyOps.toList(v);
        }, "list");
        add(filters, (in, v, a, k) -> {
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
        add(filters, SequenceFilters::map, "map");
        add(filters, (in, v, a, k) -> minMax(in, v, a, k, true), "min");
        add(filters, (in, v, a, k) -> minMax(in, v, a, k, false), "max");
        add(filters, (in, v, a, k) -> selectOrReject(in, v, a, k, false, false), "select");
        add(filters, (in, v, a, k) -> selectOrReject(in, v, a, k, true, false), "reject");
        add(filters, (in, v, a, k) -> selectOrReject(in, v, a, k, false, true), "selectattr");
        add(filters, (in, v, a, k) -> selectOrReject(in, v, a, k, true, true), "rejectattr");
        add(filters, SequenceFilters::reverse, "reverse");
        add(filters, SequenceFilters::slice, "slice");
        add(filters, SequenceFilters::sort, "sort");
        add(filters, SequenceFilters::sum, "sum");
        add(filters, SequenceFilters::unique, "unique");
    }

    private static void add(Map<String, Filters.Filter> filters, Filters.Filter f, String... names) {
        for (String n : names) {
            filters.put(n, f);
        }
    }

    private static List<Object> reversible(Object v) {
        if (v == null || !(PyOps.hasLen(v) || v instanceof Map) || v instanceof PyIterator) {
            throw PyError.typeError("'" + PyRepr.typeName(v) + "' object is not reversible");
        }
        return PyOps.toList(v);
    }

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
        Filters.sortBy(items, item -> {
            Object x = ((PyTuple) item).get(pos);
            return caseSensitive ? x : Filters.ignoreCase(x);
        }, reverse);
        return items;
    }

    private static Object groupby(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_groupby", a, k).expect(1, 3, "attribute", "default", "case_sensitive");
        Object attribute = p.get(0, "attribute", null);
        Object dflt = p.get(1, "default", null);
        boolean caseSensitive = PyOps.truthy(p.get(2, "case_sensitive", false));
        Function<Object, Object> key = Filters.attrGetter(attribute, caseSensitive ? null : Filters::ignoreCase, dflt);
        List<Object> items = PyOps.toList(v);
        Filters.sortBy(items, key, false);
        List<Object> out = new ArrayList<>();
        Function<Object, Object> realKey = Filters.attrGetter(attribute, null, dflt);
        int i = 0;
        while (i < items.size()) {
            Object kv = key.apply(items.get(i));
            List<Object> group = new ArrayList<>();
            while (i < items.size() && PyOps.eq(key.apply(items.get(i)), kv)) {
                group.add(items.get(i++));
            }
            out.add(PyTuple.named("_GroupTuple", List.of("grouper", "list"), caseSensitive ? kv : realKey.apply(group.get(0)), group));
        }
        return out;
    }

    private static Object join(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_join", a, k).expect(0, 2, "d", "attribute");
        String sep = PyRepr.str(p.get(0, "d", ""));
        Object attribute = p.get(1, "attribute", null);
        Iterator<Object> it = PyOps.iterate(v);
        Function<Object, Object> get = attribute == null ? null : Filters.attrGetter(attribute, null, null);
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
            func = Filters.attrGetter(attribute, null, dflt);
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
        Function<Object, Object> key = Filters.attrGetter(attribute, caseSensitive ? null : Filters::ignoreCase, null);
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
            trans = Filters.attrGetter(a.get(0), null, null);
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
            getters.add(Filters.attrGetter(n, caseSensitive ? null : Filters::ignoreCase, null));
        }
        List<Object> items = PyOps.toList(v);
        Filters.sortBy(items, item -> {
            List<Object> key = new ArrayList<>();
            for (Function<Object, Object> g : getters) {
                key.add(g.apply(item));
            }
            return key;
        }, reverse);
        return items;
    }

    private static Object sum(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_sum", a, k).expect(0, 2, "attribute", "start");
        Object attribute = p.get(0, "attribute", null);
        Object total = p.get(1, "start", 0L);
        if (PyOps.text(total) != null) {
            throw PyError.typeError("sum() can't sum strings [use ''.join(seq) instead]");
        }
        Function<Object, Object> get = attribute == null ? x -> x : Filters.attrGetter(attribute, null, null);
        Iterator<Object> it = PyOps.iterate(v);
        while (it.hasNext()) {
            total = PyArith.add(total, get.apply(it.next()));
        }
        return total;
    }

    private static Object unique(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_unique", a, k).expect(0, 2, "case_sensitive", "attribute");
        boolean caseSensitive = PyOps.truthy(p.get(0, "case_sensitive", false));
        Function<Object, Object> key = Filters.attrGetter(p.get(1, "attribute", null), caseSensitive ? null : Filters::ignoreCase, null);
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
}
