package dev.edge4j.jinja.python;

import dev.edge4j.jinja.value.PyTuple;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps} with the options the chat-template {@code tojson} filter passes on:
 * {@code ensure_ascii}, {@code indent}, {@code separators}, {@code sort_keys}; same spacing, escapes
 * and number formatting as Python's encoder.
 */
public final class PyJson {
    private final boolean ensureAscii;
    private final String indent;
    private final String itemSeparator;
    private final String keySeparator;
    private final boolean sortKeys;

    private PyJson(boolean ensureAscii, String indent, String itemSeparator, String keySeparator, boolean sortKeys) {
        this.ensureAscii = ensureAscii;
        this.indent = indent;
        this.itemSeparator = itemSeparator;
        this.keySeparator = keySeparator;
        this.sortKeys = sortKeys;
    }

    /**
     * {@code json.dumps(value, ensure_ascii=..., indent=..., separators=..., sort_keys=...)}; indent is
     * null, an int or a str, separators null or a two-item sequence.
     */
    public static String dumps(Object value, boolean ensureAscii, Object indent, Object separators, boolean sortKeys) {
        String ind = null;
        if (indent != null) {
            String t = PyOps.text(indent);
            if (t != null) {
                ind = t;
            } else if (PyNum.isInt(indent)) {
                ind = " ".repeat((int) Math.max(0, PyNum.asLong(indent)));
            } else {
                throw PyError.typeError("can't multiply sequence by non-int of type '" + PyRepr.typeName(indent) + "'");
            }
        }
        String item = ind == null ? ", " : ",";
        String key = ": ";
        if (separators != null) {
            List<Object> parts = PyOps.unpack(separators, 2);
            item = PyOps.text(parts.get(0));
            key = PyOps.text(parts.get(1));
            if (item == null || key == null) {
                throw PyError.typeError("separators must be strings");
            }
        }
        StringBuilder out = new StringBuilder();
        new PyJson(ensureAscii, ind, item, key, sortKeys).encode(value, out, 0);
        return out.toString();
    }

    private void newline(StringBuilder out, int level) {
        out.append('\n');
        out.append(indent.repeat(level));
    }

    private void encode(Object o, StringBuilder out, int level) {
        String text = PyOps.text(o);
        if (text != null) {
            string(text, out);
            return;
        }
        switch (o) {
            case null -> out.append("null");
            case Boolean b -> out.append(b ? "true" : "false");
            case Long l -> out.append(l);
            case BigInteger b -> out.append(b);
            case Double d -> out.append(floatText(d));
            case List<?> l -> array(l, out, level);
            case PyTuple t -> array(t.items(), out, level);
            case Map<?, ?> m -> object(m, out, level);
            default -> throw PyError.typeError("Object of type " + PyRepr.typeName(o) + " is not JSON serializable");
        }
    }

    private static String floatText(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        return PyFloat.repr(d);
    }

    private void array(List<?> l, StringBuilder out, int level) {
        if (l.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                out.append(itemSeparator);
            }
            if (indent != null) {
                newline(out, level + 1);
            }
            encode(l.get(i), out, level + 1);
        }
        if (indent != null) {
            newline(out, level);
        }
        out.append(']');
    }

    private void object(Map<?, ?> m, StringBuilder out, int level) {
        if (m.isEmpty()) {
            out.append("{}");
            return;
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(m.entrySet());
        if (sortKeys) {
            entries.sort((a, b) -> PyOps.sortCompare(a.getKey(), b.getKey()));
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : entries) {
            Object k = e.getKey();
            String key;
            if (PyOps.text(k) != null) {
                key = PyOps.text(k);
            } else if (k instanceof Double d) {
                key = floatText(d);
            } else if (k instanceof Boolean b) {
                key = b ? "true" : "false";
            } else if (k == null) {
                key = "null";
            } else if (PyNum.isInt(k)) {
                key = k.toString();
            } else {
                throw PyError.typeError("keys must be str, int, float, bool or None, not " + PyRepr.typeName(k));
            }
            if (!first) {
                out.append(itemSeparator);
            }
            if (indent != null) {
                newline(out, level + 1);
            }
            string(key, out);
            out.append(keySeparator);
            encode(e.getValue(), out, level + 1);
            first = false;
        }
        if (indent != null) {
            newline(out, level);
        }
        out.append('}');
    }

    private void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
