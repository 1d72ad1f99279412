package dev.edge4j.jinja.python;

import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.util.ArrayList;
import java.util.List;

/** Python's arithmetic operators over template values, with Python's results and TypeErrors. */
public final class PyArith {
    /** The largest string or list {@code *} may build (Python would try, and exhaust memory). */
    static final long MAX_REPEAT = 64 << 20;

    private PyArith() {}

    public static Object add(Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            return PyNum.add(a, b);
        }
        String ta = PyOps.text(a);
        String tb = PyOps.text(b);
        if (ta != null && tb != null) {
            if (a instanceof Markup || b instanceof Markup) {
                String x = a instanceof Markup ? ta : Markup.escape(ta);
                String y = b instanceof Markup ? tb : Markup.escape(tb);
                return new Markup(x + y);
            }
            return ta + tb;
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            List<Object> out = new ArrayList<>(la.size() + lb.size());
            out.addAll(la);
            out.addAll(lb);
            return out;
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            List<Object> out = new ArrayList<>(x.items());
            out.addAll(y.items());
            return new PyTuple(out);
        }
        if (a instanceof List) {
            throw PyError.typeError("can only concatenate list (not \"" + PyRepr.typeName(b) + "\") to list");
        }
        if (a instanceof PyTuple) {
            throw PyError.typeError("can only concatenate tuple (not \"" + PyRepr.typeName(b) + "\") to tuple");
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
        if (a instanceof String) {
            throw PyError.typeError("can only concatenate str (not \"" + PyRepr.typeName(b) + "\") to str");
        }
        throw unsupported("+", a, b);
    }

    public static Object sub(Object a, Object b) {
        failUndefined(a, b);
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            return PyNum.sub(a, b);
        }
        throw unsupported("-", a, b);
    }

    public static Object mul(Object a, Object b) {
        failUndefined(a, b);
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            return PyNum.mul(a, b);
        }
        Object seq = PyNum.isInt(a) ? b : a;
        Object times = PyNum.isInt(a) ? a : b;
        if (PyNum.isInt(times)) {
            Long count = PyNum.asLong(times);
            long n = count == null ? Long.MAX_VALUE : Math.max(0, count);
            long unit = seq instanceof String s ? s.length() : seq instanceof Markup m ? m.value().length()
                    : seq instanceof List<?> l ? l.size() : seq instanceof PyTuple t ? t.size() : 0;
            if (unit > 0 && n > MAX_REPEAT / unit) {
                throw new PyError("RenderLimitError", "a sequence repeated " + n + " times is too large to build");
            }
            switch (seq) {
                case String s -> {
                    return s.repeat((int) n);
                }
                case Markup m -> {
                    return new Markup(m.value().repeat((int) n));
                }
                case List<?> l -> {
                    List<Object> out = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        out.addAll(l);
                    }
                    return out;
                }
                case PyTuple t -> {
                    List<Object> out = new ArrayList<>();
                    for (long i = 0; i < n; i++) {
                        out.addAll(t.items());
                    }
                    return new PyTuple(out);
                }
                case null, default -> { }
            }
        }
        if ((PyOps.text(a) != null || a instanceof List || a instanceof PyTuple) && !PyNum.isInt(b)) {
            throw PyError.typeError("can't multiply sequence by non-int of type '" + PyRepr.typeName(b) + "'");
        }
        throw unsupported("*", a, b);
    }

    public static Object div(Object a, Object b) {
        failUndefined(a, b);
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            return PyNum.trueDiv(a, b);
        }
        throw unsupported("/", a, b);
    }

    public static Object floorDiv(Object a, Object b) {
        failUndefined(a, b);
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            return PyNum.floorDiv(a, b);
        }
        throw unsupported("//", a, b);
    }

    public static Object mod(Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (PyOps.text(a) != null) {
            return PyFormat.percent(a, b);
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            return PyNum.mod(a, b);
        }
        throw unsupported("%", a, b);
    }

    public static Object pow(Object a, Object b) {
        failUndefined(a, b);
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            return PyNum.pow(a, b);
        }
        throw PyError.typeError("unsupported operand type(s) for ** or pow(): '" + PyRepr.typeName(a) + "' and '"
                + PyRepr.typeName(b) + "'");
    }

    public static Object neg(Object a) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNum.isNumber(a)) {
            return PyNum.neg(a);
        }
        throw PyError.typeError("bad operand type for unary -: '" + PyRepr.typeName(a) + "'");
    }

    public static Object pos(Object a) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNum.isNumber(a)) {
            return PyNum.pos(a);
        }
        throw PyError.typeError("bad operand type for unary +: '" + PyRepr.typeName(a) + "'");
    }

    private static void failUndefined(Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
    }

    private static PyError unsupported(String op, Object a, Object b) {
        return PyError.typeError("unsupported operand type(s) for " + op + ": '" + PyRepr.typeName(a) + "' and '"
                + PyRepr.typeName(b) + "'");
    }
}
