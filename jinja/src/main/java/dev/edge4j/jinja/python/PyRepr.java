package dev.edge4j.jinja.python;

import dev.edge4j.jinja.value.DictView;
import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.Namespace;
import dev.edge4j.jinja.value.PyIterator;
import dev.edge4j.jinja.value.PyObject;
import dev.edge4j.jinja.value.PyRange;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Python's {@code str()}, {@code repr()} and type names for template values. */
public final class PyRepr {
    private PyRepr() {}

    public static String typeName(Object o) {
        return switch (o) {
            case null -> "NoneType";
            case Boolean b -> "bool";
            case Long l -> "int";
            case BigInteger i -> "int";
            case Double d -> "float";
            case String s -> "str";
            case Markup m -> "Markup";
            case List<?> l -> "list";
            case PyTuple t -> t.typeName();
            case Map<?, ?> m -> "dict";
            case Undefined u -> "Undefined";
            case Namespace n -> "Namespace";
            case PyRange r -> "range";
            case DictView v -> v.typeName();
            case PyIterator it -> it.typeName();
            case PyObject p -> p.typeName();
            default -> o.getClass().getSimpleName();
        };
    }

    private static String module(Object o) {
        return switch (o) {
            case Markup m -> "markupsafe";
            case Undefined u -> "jinja2.runtime";
            case Namespace n -> "jinja2.utils";
            case PyObject p -> p.module();
            default -> "builtins";
        };
    }

    /** Jinja's {@code object_type_repr}: how undefined-attribute messages name an object's type. */
    public static String objectTypeRepr(Object o) {
        if (o == null) {
            return "None";
        }
        String module = module(o);
        return module.equals("builtins") ? typeName(o) + " object" : module + "." + typeName(o) + " object";
    }

    public static String str(Object o) {
        return switch (o) {
            case null -> "None";
            case String s -> s;
            case Boolean b -> b ? "True" : "False";
            case Long l -> l.toString();
            case BigInteger i -> i.toString();
            case Double d -> PyFloat.repr(d);
            case Markup m -> m.value();
            case Undefined u -> "";
            case List<?> l -> seq("[", l.iterator(), "]", false);
            case PyTuple t when t.fieldNames() != null -> namedTuple(t);
            case PyTuple t -> seq("(", t.items().iterator(), ")", t.size() == 1);
            case Map<?, ?> m -> dict(m);
            case Namespace n -> "<Namespace " + dict(n.attrs()) + ">";
            case PyRange r -> r.step() == 1 ? "range(" + r.start() + ", " + r.stop() + ")"
                    : "range(" + r.start() + ", " + r.stop() + ", " + r.step() + ")";
            case DictView v -> v.typeName() + "(" + seq("[", PyOps.iterate(v), "]", false) + ")";
            case PyIterator it -> "<" + it.typeName() + " object>";
            case PyObject p -> p.str();
            default -> o.toString();
        };
    }

    public static String repr(Object o) {
        return switch (o) {
            case null -> "None";
            case String s -> reprString(s);
            case Markup m -> "Markup(" + reprString(m.value()) + ")";
            case Undefined u -> "Undefined";
            default -> str(o);
        };
    }

    private static String seq(String open, Iterator<?> it, String close, boolean trailingComma) {
        StringBuilder b = new StringBuilder(open);
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                b.append(", ");
            }
            b.append(repr(it.next()));
            first = false;
        }
        if (trailingComma) {
            b.append(',');
        }
        return b.append(close).toString();
    }

    private static String namedTuple(PyTuple t) {
        StringBuilder b = new StringBuilder(t.typeName()).append('(');
        for (int i = 0; i < t.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(t.fieldNames().get(i)).append('=').append(repr(t.get(i)));
        }
        return b.append(')').toString();
    }

    private static String dict(Map<?, ?> m) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                b.append(", ");
            }
            b.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            first = false;
        }
        return b.append('}').toString();
    }

    /** Python's string repr: single quotes unless the text has ' and no ", escapes for the unprintable. */
    public static String reprString(String s) {
        char quote = (s.indexOf('\'') >= 0 && s.indexOf('"') < 0) ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
            } else if (c < 0x7f || PyChars.isPrintable(c)) {
                b.appendCodePoint(c);
            } else if (c <= 0xff) {
                b.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.append(String.format("\\U%08x", c));
            }
        }
        return b.append(quote).toString();
    }
}
