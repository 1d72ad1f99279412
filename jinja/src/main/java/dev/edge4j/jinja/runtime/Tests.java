package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyArgs;
import dev.edge4j.jinja.python.PyArith;
import dev.edge4j.jinja.python.PyNum;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.python.PyStrings;
import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.PyCallable;
import dev.edge4j.jinja.value.Undefined;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Jinja2's built-in tests ({@code is defined}, {@code is string}, {@code is mapping}, ...). */
final class Tests {
    private Tests() {}

    interface Test {
        boolean test(Interpreter in, Object value, List<Object> args, Map<String, Object> kwargs);
    }

    /** A test of the value alone. */
    private interface Simple {
        boolean test(Object value);
    }

    /** A test comparing the value with one argument. */
    private interface Binary {
        boolean test(Object value, Object other);
    }

    private static final Map<String, Test> TESTS = new HashMap<>();

    static Test get(String name) {
        return TESTS.get(name);
    }

    static boolean exists(String name) {
        return TESTS.containsKey(name);
    }

    private static void simple(Simple t, String... names) {
        for (String n : names) {
            TESTS.put(n, (in, v, a, k) -> {
                new PyArgs("test_" + n, a, k).expect(0, 0);
                return t.test(v);
            });
        }
    }

    private static void binary(Binary t, String... names) {
        for (String n : names) {
            TESTS.put(n, (in, v, a, k) -> {
                PyArgs p = new PyArgs(n, a, k).expect(1, 1);
                return t.test(v, p.get(0, null, null));
            });
        }
    }

    /** Python's {@code is}: identity, which also holds for None, booleans and small ints. */
    private static boolean sameAs(Object v, Object o) {
        if (v == o) {
            return true;
        }
        if (v instanceof Boolean || v instanceof Long) {
            return v.equals(o) && (v instanceof Boolean || Math.abs((Long) v) <= 256);
        }
        return false;
    }

    private static boolean isInteger(Object v) {
        return v instanceof Long || v instanceof BigInteger;
    }

    static {
        simple(v -> !(v instanceof Undefined), "defined");
        simple(v -> v instanceof Undefined, "undefined");
        simple(v -> v == null, "none");
        simple(v -> v instanceof Boolean, "boolean");
        simple(v -> Boolean.FALSE.equals(v), "false");
        simple(v -> Boolean.TRUE.equals(v), "true");
        simple(Tests::isInteger, "integer");
        simple(v -> v instanceof Double, "float");
        simple(v -> PyOps.text(v) != null, "string");
        simple(v -> v instanceof Map, "mapping");
        simple(PyNum::isNumber, "number");
        simple(v -> PyOps.hasLen(v) && !(v instanceof dev.edge4j.jinja.value.DictView)
                && !(v instanceof LoopContext), "sequence");
        simple(PyOps::isIterable, "iterable");
        simple(v -> v instanceof PyCallable || v instanceof Undefined, "callable");
        simple(v -> v instanceof Markup, "escaped");
        simple(v -> PyStrings.call(PyRepr.str(v), false, "islower", List.of(), Map.of()).equals(true), "lower");
        simple(v -> PyStrings.call(PyRepr.str(v), false, "isupper", List.of(), Map.of()).equals(true), "upper");
        simple(v -> PyOps.eq(PyArith.mod(v, 2L), 1L), "odd");
        simple(v -> PyOps.eq(PyArith.mod(v, 2L), 0L), "even");
        binary((v, n) -> PyOps.eq(PyArith.mod(v, n), 0L), "divisibleby");
        binary(Tests::sameAs, "sameas");
        binary((v, seq) -> PyOps.contains(seq, v), "in");
        binary(PyOps::eq, "==", "eq", "equalto");
        binary((v, o) -> !PyOps.eq(v, o), "!=", "ne");
        binary((v, o) -> PyOps.compare(">", v, o), ">", "gt", "greaterthan");
        binary((v, o) -> PyOps.compare(">=", v, o), ">=", "ge");
        binary((v, o) -> PyOps.compare("<", v, o), "<", "lt", "lessthan");
        binary((v, o) -> PyOps.compare("<=", v, o), "<=", "le");
        TESTS.put("filter", (in, v, a, k) -> {
            new PyArgs("test_filter", a, k).expect(0, 0);
            return Filters.exists(PyRepr.str(v));
        });
        TESTS.put("test", (in, v, a, k) -> {
            new PyArgs("test_test", a, k).expect(0, 0);
            return exists(PyRepr.str(v));
        });
    }
}
