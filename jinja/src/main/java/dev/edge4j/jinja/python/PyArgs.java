package dev.edge4j.jinja.python;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binds a Python-style call's positional and keyword arguments to parameters, with Python's errors. */
public final class PyArgs {
    private final String function;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    public PyArgs(String function, List<Object> args, Map<String, Object> kwargs) {
        this.function = function;
        this.args = args;
        this.kwargs = kwargs;
    }

    public int size() {
        return args.size();
    }

    public List<Object> positional() {
        return args;
    }

    public Map<String, Object> keywords() {
        return kwargs;
    }

    /** Parameter {@code i} given by position or by {@code name}, else {@code dflt}. */
    public Object get(int i, String name, Object dflt) {
        if (i < args.size()) {
            if (name != null && kwargs.containsKey(name)) {
                throw PyError.typeError(function + "() got multiple values for argument '" + name + "'");
            }
            return args.get(i);
        }
        if (name != null && kwargs.containsKey(name)) {
            return kwargs.get(name);
        }
        return dflt;
    }

    public boolean has(int i, String name) {
        return i < args.size() || (name != null && kwargs.containsKey(name));
    }

    /** Checks the count of positional arguments and that no unknown keyword is passed. */
    public PyArgs expect(int min, int max, String... keywordNames) {
        if (args.size() > max) {
            throw PyError.typeError(function + "() takes at most " + max + " argument" + (max == 1 ? "" : "s")
                    + " (" + args.size() + " given)");
        }
        Set<String> allowed = Set.of(keywordNames);
        for (String k : kwargs.keySet()) {
            if (!allowed.contains(k)) {
                if (allowed.isEmpty()) {
                    throw PyError.typeError(function + "() takes no keyword arguments");
                }
                throw PyError.typeError(function + "() got an unexpected keyword argument '" + k + "'");
            }
        }
        int given = args.size();
        for (int i = args.size(); i < keywordNames.length; i++) {
            if (kwargs.containsKey(keywordNames[i])) {
                given++;
            }
        }
        if (given < min) {
            throw PyError.typeError(function + "() takes at least " + min + " argument" + (min == 1 ? "" : "s")
                    + " (" + given + " given)");
        }
        return this;
    }

    /** An integer argument (bool counts), or a TypeError naming what was passed instead. */
    public static long integer(Object o, String what) {
        Long l = o instanceof Double ? null : PyNum.asLong(o);
        if (l == null) {
            throw PyError.typeError("'" + PyRepr.typeName(o) + "' object cannot be interpreted as an integer"
                    + (what == null ? "" : ""));
        }
        return l;
    }
}
