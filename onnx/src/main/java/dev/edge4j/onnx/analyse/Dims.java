package dev.edge4j.onnx.analyse;

import dev.edge4j.onnx.Dim;
import java.util.ArrayList;
import java.util.List;

/** Arithmetic on possibly symbolic dimensions, for shape inference. */
final class Dims {
    private Dims() {}

    /** The broadcast of two dimension lists (NumPy rules); unknown where it cannot be told. */
    static List<Dim> broadcast(List<Dim> a, List<Dim> b) {
        if (a == null || b == null) {
            return null;
        }
        int r = Math.max(a.size(), b.size());
        List<Dim> out = new ArrayList<>(r);
        for (int i = 0; i < r; i++) {
            int ia = i - (r - a.size());
            int ib = i - (r - b.size());
            Dim x = ia >= 0 ? a.get(ia) : Dim.of(1);
            Dim y = ib >= 0 ? b.get(ib) : Dim.of(1);
            out.add(broadcast(x, y));
        }
        return out;
    }

    static Dim broadcast(Dim x, Dim y) {
        if (x.isKnown() && x.value() == 1) {
            return y;
        }
        if (y.isKnown() && y.value() == 1) {
            return x;
        }
        if (x.equals(y)) {
            return x;
        }
        if (x.isKnown() && x.value() > 1) {
            return x;
        }
        if (y.isKnown() && y.value() > 1) {
            return y;
        }
        return Dim.unknown();
    }

    /** The product of dims, or unknown when any is not a number. */
    static Dim product(List<Dim> dims, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            if (!dims.get(i).isKnown()) {
                return Dim.unknown();
            }
            p *= dims.get(i).value();
        }
        return Dim.of(p);
    }

    static List<Dim> of(long... values) {
        List<Dim> l = new ArrayList<>();
        for (long v : values) {
            l.add(v >= 0 ? Dim.of(v) : Dim.unknown());
        }
        return l;
    }

    static List<Dim> unknown(int rank) {
        List<Dim> l = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            l.add(Dim.unknown());
        }
        return l;
    }

    static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        return a < 0 || a >= rank ? -1 : (int) a;
    }
}
