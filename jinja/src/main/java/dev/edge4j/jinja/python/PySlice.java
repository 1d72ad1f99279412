package dev.edge4j.jinja.python;

import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.PyRange;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.util.ArrayList;
import java.util.List;

/** Python indexing and slicing of str, list, tuple and range, by code point for strings. */
public final class PySlice {
    private PySlice() {}

    /** Resolved {@code start:stop:step} for a sequence of the given length, and the item count. */
    public record Bounds(long start, long stop, long step, long count) {}

    public static Bounds bounds(Object start, Object stop, Object step, long length) {
        long st = step == null ? 1 : index(step);
        if (st == 0) {
            throw PyError.valueError("slice step cannot be zero");
        }
        long lo = start == null ? (st < 0 ? length - 1 : 0) : clamp(index(start), length, st);
        long hi = stop == null ? (st < 0 ? -1 : length) : clamp(index(stop), length, st);
        long count;
        if (st > 0) {
            count = lo < hi ? (hi - lo - 1) / st + 1 : 0;
        } else {
            count = hi < lo ? (lo - hi - 1) / -st + 1 : 0;
        }
        return new Bounds(lo, hi, st, count);
    }

    private static long clamp(long i, long length, long step) {
        if (i < 0) {
            i += length;
            if (i < 0) {
                i = step < 0 ? -1 : 0;
            }
        } else if (i >= length) {
            i = step < 0 ? length - 1 : length;
        }
        return i;
    }

    private static long index(Object o) {
        Long l = o instanceof Double ? null : PyNum.asLong(o);
        if (l == null) {
            throw PyError.typeError("slice indices must be integers or None or have an __index__ method");
        }
        return l;
    }

    /** {@code value[start:stop:step]}. */
    public static Object slice(Object value, Object start, Object stop, Object step) {
        switch (value) {
            case String s -> {
                return sliceText(s, start, stop, step);
            }
            case Markup m -> {
                return new Markup(sliceText(m.value(), start, stop, step));
            }
            case List<?> l -> {
                return sliceList(l, start, stop, step);
            }
            case PyTuple t -> {
                return new PyTuple(sliceList(t.items(), start, stop, step));
            }
            case PyRange r -> {
                Bounds b = bounds(start, stop, step, r.length());
                return new PyRange(r.get(b.start()), r.get(b.start()) + b.count() * r.step() * b.step(), r.step() * b.step());
            }
            case Undefined u -> throw u.fail();
            case null, default -> throw PyError.typeError("'" + PyRepr.typeName(value) + "' object is not subscriptable");
        }
    }

    private static String sliceText(String s, Object start, Object stop, Object step) {
        int[] cps = s.codePoints().toArray();
        Bounds b = bounds(start, stop, step, cps.length);
        StringBuilder out = new StringBuilder();
        for (long i = 0, k = b.start(); i < b.count(); i++, k += b.step()) {
            out.appendCodePoint(cps[(int) k]);
        }
        return out.toString();
    }

    private static List<Object> sliceList(List<?> l, Object start, Object stop, Object step) {
        Bounds b = bounds(start, stop, step, l.size());
        List<Object> out = new ArrayList<>((int) b.count());
        for (long i = 0, k = b.start(); i < b.count(); i++, k += b.step()) {
            out.add(l.get((int) k));
        }
        return out;
    }

    /** {@code value[i]} for an int index; null when out of range (Python's IndexError). */
    public static Object[] item(Object value, long i) {
        switch (value) {
            case String s -> {
                int n = s.codePointCount(0, s.length());
                long k = i < 0 ? i + n : i;
                if (k < 0 || k >= n) {
                    return null;
                }
                int off = s.offsetByCodePoints(0, (int) k);
                return new Object[] {s.substring(off, off + Character.charCount(s.codePointAt(off)))};
            }
            case Markup m -> {
                Object[] r = item(m.value(), i);
                return r == null ? null : new Object[] {new Markup((String) r[0])};
            }
            case List<?> l -> {
                long k = i < 0 ? i + l.size() : i;
                return k < 0 || k >= l.size() ? null : new Object[] {l.get((int) k)};
            }
            case PyTuple t -> {
                return item(t.items(), i);
            }
            case PyRange r -> {
                long k = i < 0 ? i + r.length() : i;
                return k < 0 || k >= r.length() ? null : new Object[] {r.get(k)};
            }
            case null, default -> {
                return null;
            }
        }
    }
}
