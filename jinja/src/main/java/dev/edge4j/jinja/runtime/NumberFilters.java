package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyArgs;
import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyFormat;
import dev.edge4j.jinja.python.PyNum;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.python.PyStrings;
import dev.edge4j.jinja.value.Undefined;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The number filters: {@code int}, {@code float}, {@code round}, {@code abs}, {@code filesizeformat}. */
final class NumberFilters {
    private NumberFilters() {}

    static void register(Map<String, Filters.Filter> filters) {
        add(filters, (in, v, a, k) -> {
            new PyArgs("abs", a, k).expect(0, 0);
            if (v instanceof Undefined u) {
                throw u.fail();
            }
            if (!PyNum.isNumber(v)) {
                throw PyError.typeError("bad operand type for abs(): '" + PyRepr.typeName(v) + "'");
            }
            return PyOps.truthy(PyOps.compare("<", v, 0L)) ? PyNum.neg(v) : PyNum.pos(v);
        }, "abs");
        add(filters, NumberFilters::filesizeformat, "filesizeformat");
        add(filters, NumberFilters::toFloat, "float");
        add(filters, NumberFilters::toInt, "int");
        add(filters, NumberFilters::round, "round");
    }

    private static void add(Map<String, Filters.Filter> filters, Filters.Filter f, String... names) {
        for (String n : names) {
            filters.put(n, f);
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
            return dflt;
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
}
