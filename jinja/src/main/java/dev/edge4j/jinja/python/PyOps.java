package dev.edge4j.jinja.python;

import dev.edge4j.jinja.value.DictView;
import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.Namespace;
import dev.edge4j.jinja.value.PyIterator;
import dev.edge4j.jinja.value.PyRange;
import dev.edge4j.jinja.value.PySized;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Python's truth, equality, ordering, membership, length and iteration for template values. */
public final class PyOps {
    private PyOps() {}

    /** A string-like value (str or Markup) as its text, else null. */
    public static String text(Object o) {
        return o instanceof String s ? s : o instanceof Markup m ? m.value() : null;
    }

    public static boolean truthy(Object o) {
        return switch (o) {
            case null -> false;
            case Boolean b -> b;
            case Long l -> l != 0;
            case BigInteger b -> b.signum() != 0;
            case Double d -> d != 0;
            case String s -> !s.isEmpty();
            case Markup m -> !m.value().isEmpty();
            case List<?> l -> !l.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            case PyTuple t -> t.size() > 0;
            case Undefined u -> false;
            case PyRange r -> r.length() > 0;
            case DictView v -> !v.map().isEmpty();
            case PySized s -> s.len() != 0;
            default -> true;
        };
    }

    public static boolean eq(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Undefined || b instanceof Undefined) {
            return a instanceof Undefined && b instanceof Undefined;
        }
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            return PyNum.compare(a, b) == 0;
        }
        String ta = text(a);
        String tb = text(b);
        if (ta != null || tb != null) {
            return ta != null && ta.equals(tb);
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            return seqEq(la, lb);
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            return seqEq(x.items(), y.items());
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                Object[] found = dictLookup(mb, e.getKey());
                if (found == null || !eq(e.getValue(), found[0])) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof PyRange x && b instanceof PyRange y) {
            return x.length() == y.length() && (x.length() == 0 || (x.start() == y.start()
                    && (x.length() == 1 || x.step() == y.step())));
        }
        return a.equals(b) && !(a instanceof Namespace);
    }

    private static boolean seqEq(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!eq(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Python's ordering operators ({@code <}, {@code <=}, {@code >}, {@code >=}). */
    public static boolean compare(String op, Object a, Object b) {
        if (a instanceof Undefined u) {
            throw u.fail();
        }
        if (b instanceof Undefined u) {
            throw u.fail();
        }
        if (PyNum.isNumber(a) && PyNum.isNumber(b)) {
            int c = PyNum.compare(a, b);
            return c != 2 && test(op, c);
        }
        String ta = text(a);
        String tb = text(b);
        if (ta != null && tb != null) {
            return test(op, compareText(ta, tb));
        }
        List<?> la = a instanceof List<?> l ? l : null;
        List<?> lb = b instanceof List<?> l ? l : null;
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            la = x.items();
            lb = y.items();
        }
        if (la != null && lb != null) {
            int n = Math.min(la.size(), lb.size());
            for (int i = 0; i < n; i++) {
                if (!eq(la.get(i), lb.get(i))) {
                    return compare(op, la.get(i), lb.get(i));
                }
            }
            return test(op, Integer.compare(la.size(), lb.size()));
        }
        throw PyError.typeError("'" + op + "' not supported between instances of '" + PyRepr.typeName(a)
                + "' and '" + PyRepr.typeName(b) + "'");
    }

    private static boolean test(String op, int c) {
        return switch (op) {
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    /** Compares by code point, as Python orders strings. */
    public static int compareText(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Sort order for {@code sort}, {@code dictsort}, {@code min}, {@code max}: Python's {@code <}. */
    public static int sortCompare(Object a, Object b) {
        if (compare("<", a, b)) {
            return -1;
        }
        return compare("<", b, a) ? 1 : 0;
    }

    public static void checkHashable(Object key) {
        if (key instanceof List || key instanceof Map || key instanceof DictView) {
            throw PyError.typeError("unhashable type: '" + PyRepr.typeName(key) + "'");
        }
        if (key instanceof PyTuple t) {
            t.items().forEach(PyOps::checkHashable);
        }
    }

    /** Looks a key up as a Python dict would; returns a one-element array with the value, or null. */
    public static Object[] dictLookup(Map<?, ?> map, Object key) {
        checkHashable(key);
        Object k = key instanceof Markup m ? m.value() : key;
        if (map.containsKey(k)) {
            return new Object[] {map.get(k)};
        }
        if (!(k instanceof String)) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object ek = e.getKey();
                if (!(ek instanceof String) && eq(ek, k)) {
                    return new Object[] {e.getValue()};
                }
            }
        } else {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getKey() instanceof Markup m && m.value().equals(k)) {
                    return new Object[] {e.getValue()};
                }
            }
        }
        return null;
    }

    public static long len(Object o) {
        return switch (o) {
            case String s -> s.codePointCount(0, s.length());
            case Markup m -> m.value().codePointCount(0, m.value().length());
            case List<?> l -> l.size();
            case Map<?, ?> m -> m.size();
            case PyTuple t -> t.size();
            case DictView v -> v.map().size();
            case PyRange r -> r.length();
            case Undefined u -> 0;
            case PySized s -> s.len();
            case null, default -> throw PyError.typeError("object of type '" + PyRepr.typeName(o) + "' has no len()");
        };
    }

    /** True when Python's {@code len()} works on the value. */
    public static boolean hasLen(Object o) {
        return o instanceof String || o instanceof Markup || o instanceof List || o instanceof Map
                || o instanceof PyTuple || o instanceof DictView || o instanceof PyRange || o instanceof Undefined
                || o instanceof PySized;
    }

    public static boolean isIterable(Object o) {
        return o instanceof String || o instanceof Markup || o instanceof List || o instanceof Map
                || o instanceof PyTuple || o instanceof DictView || o instanceof PyRange || o instanceof Undefined
                || o instanceof PyIterator || o instanceof Iterable;
    }

    /** Python's {@code iter()}. Lists iterate by index, so popping inside a loop behaves as in Python. */
    @SuppressWarnings("unchecked")
    public static Iterator<Object> iterate(Object o) {
        return switch (o) {
            case List<?> l -> listIterator((List<Object>) l);
            case String s -> chars(s);
            case Markup m -> chars(m.value());
            case Map<?, ?> m -> new ArrayList<Object>(m.keySet()).iterator();
            case PyTuple t -> t.items().iterator();
            case Undefined u -> Collections.emptyIterator();
            case PyIterator it -> it;
            case PyRange r -> rangeIterator(r);
            case DictView v -> viewIterator(v);
            case Iterable<?> it -> (Iterator<Object>) it.iterator();
            case null, default -> throw PyError.typeError("'" + PyRepr.typeName(o) + "' object is not iterable");
        };
    }

    private static Iterator<Object> listIterator(List<Object> l) {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < l.size();
            }

            @Override
            public Object next() {
                if (i >= l.size()) {
                    throw new NoSuchElementException();
                }
                return l.get(i++);
            }
        };
    }

    private static Iterator<Object> chars(String s) {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < s.length();
            }

            @Override
            public Object next() {
                int cp = s.codePointAt(i);
                int n = Character.charCount(cp);
                String c = s.substring(i, i + n);
                i += n;
                return c;
            }
        };
    }

    private static Iterator<Object> rangeIterator(PyRange r) {
        return new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < r.length();
            }

            @Override
            public Object next() {
                return r.get(i++);
            }
        };
    }

    private static Iterator<Object> viewIterator(DictView v) {
        List<Object> out = new ArrayList<>(v.map().size());
        for (Map.Entry<Object, Object> e : v.map().entrySet()) {
            out.add(switch (v.kind()) {
                case ITEMS -> PyTuple.of(e.getKey(), e.getValue());
                case KEYS -> e.getKey();
                case VALUES -> e.getValue();
            });
        }
        return out.iterator();
    }

    /** Python's {@code list(value)}. */
    public static List<Object> toList(Object o) {
        List<Object> out = new ArrayList<>();
        iterate(o).forEachRemaining(out::add);
        return out;
    }

    /** Python's {@code item in container}. */
    public static boolean contains(Object container, Object item) {
        switch (container) {
            case Undefined u -> {
                return false;
            }
            case String s -> {
                return s.contains(substringOperand(item));
            }
            case Markup m -> {
                return m.value().contains(substringOperand(item));
            }
            case Map<?, ?> m -> {
                return dictLookup(m, item) != null;
            }
            case DictView v when v.kind() == DictView.Kind.KEYS -> {
                return dictLookup(v.map(), item) != null;
            }
            case PyRange r -> {
                Long x = item instanceof Double ? null : PyNum.asLong(item);
                if (x == null) {
                    return PyNum.isNumber(item) && iterContains(rangeIterator(r), item);
                }
                long off = x - r.start();
                return (r.step() > 0 ? x >= r.start() && x < r.stop() : x <= r.start() && x > r.stop())
                        && off % r.step() == 0;
            }
            case null -> throw PyError.typeError("argument of type 'NoneType' is not iterable");
            default -> {
                if (!isIterable(container)) {
                    throw PyError.typeError("argument of type '" + PyRepr.typeName(container) + "' is not iterable");
                }
                return iterContains(iterate(container), item);
            }
        }
    }

    private static String substringOperand(Object item) {
        String t = text(item);
        if (t == null) {
            throw PyError.typeError("'in <string>' requires string as left operand, not " + PyRepr.typeName(item));
        }
        return t;
    }

    private static boolean iterContains(Iterator<Object> it, Object item) {
        while (it.hasNext()) {
            Object x = it.next();
            if (x == item || eq(x, item)) {
                return true;
            }
        }
        return false;
    }

    /** Python's {@code a, b = value}: exactly {@code n} items or a ValueError. */
    public static List<Object> unpack(Object value, int n) {
        Iterator<Object> it = iterate(value);
        List<Object> out = new ArrayList<>(n);
        while (it.hasNext()) {
            if (out.size() == n) {
                throw PyError.valueError("too many values to unpack (expected " + n + ")");
            }
            out.add(it.next());
        }
        if (out.size() < n) {
            throw PyError.valueError("not enough values to unpack (expected " + n + ", got " + out.size() + ")");
        }
        return out;
    }
}
