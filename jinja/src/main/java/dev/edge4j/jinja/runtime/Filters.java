package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.python.PyStrings;
import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.Undefined;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    static Filter get(String name) {
        return FILTERS.get(name);
    }

    static boolean exists(String name) {
        return FILTERS.containsKey(name);
    }

    /** Jinja's soft_str: Markup stays Markup, anything else becomes its str(). */
    static Object softStr(Object v) {
        return v instanceof Markup ? v : PyRepr.str(v);
    }

    static Object strMethod(Object v, String method, Object... args) {
        Object s = softStr(v);
        return PyStrings.call(PyOps.text(s), s instanceof Markup, method, Arrays.asList(args), Map.of());
    }

    static {
        TextFilters.register(FILTERS);
        NumberFilters.register(FILTERS);
        SequenceFilters.register(FILTERS);
    }

    // ---- helpers the filter families share

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

    static Object ignoreCase(Object v) {
        String t = PyOps.text(v);
        if (t == null) {
            return v;
        }
        return PyStrings.call(t, v instanceof Markup, "lower", List.of(), Map.of());
    }

    /** Python's stable {@code list.sort(key=..., reverse=...)}. */
    static void sortBy(List<Object> items, Function<Object, Object> key, boolean reverse) {
        List<Object[]> keyed = new ArrayList<>(items.size());
        for (Object item : items) {
            keyed.add(new Object[] {key.apply(item), item});
        }
        if (reverse) {
            Collections.reverse(keyed);
        }
        keyed.sort((x, y) -> PyOps.compare("<", x[0], y[0]) ? -1 : PyOps.compare("<", y[0], x[0]) ? 1 : 0);
        if (reverse) {
            Collections.reverse(keyed);
        }
        items.clear();
        for (Object[] kv : keyed) {
            items.add(kv[1]);
        }
    }
}
