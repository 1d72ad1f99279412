package dev.edge4j.jinja.runtime;

import dev.edge4j.jinja.python.PyArgs;
import dev.edge4j.jinja.python.PyChars;
import dev.edge4j.jinja.python.PyError;
import dev.edge4j.jinja.python.PyFormat;
import dev.edge4j.jinja.python.PyJson;
import dev.edge4j.jinja.python.PyOps;
import dev.edge4j.jinja.python.PyRepr;
import dev.edge4j.jinja.python.PyStrings;
import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.PyTuple;
import dev.edge4j.jinja.value.Undefined;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The string filters: case, trimming, replacing, indenting, escaping, formatting, {@code tojson}. */
final class TextFilters {
    private TextFilters() {}

    static void register(Map<String, Filters.Filter> filters) {
        add(filters, (in, v, a, k) -> {
            new PyArgs("do_capitalize", a, k).expect(0, 0);
            return Filters.strMethod(v, "capitalize");
        }, "capitalize");
        add(filters, (in, v, a, k) -> {
            PyArgs p = new PyArgs("do_center", a, k).expect(0, 1, "width");
            return Filters.strMethod(v, "center", p.get(0, "width", 80L));
        }, "center");
        add(filters, (in, v, a, k) -> {
            new PyArgs("escape", a, k).expect(0, 0);
            return v instanceof Markup ? v : new Markup(Markup.escape(PyRepr.str(v)));
        }, "escape", "e");
        add(filters, (in, v, a, k) -> new Markup(Markup.escape(PyOps.text(v) != null ? PyOps.text(v) : PyRepr.str(v))), "forceescape");
        add(filters, (in, v, a, k) -> {
            if (!a.isEmpty() && !k.isEmpty()) {
                throw new PyError("FilterArgumentError", "can't handle positional and keyword arguments at the same time");
            }
            Object values = !k.isEmpty() ? new LinkedHashMap<Object, Object>(k) : new PyTuple(a);
            return PyFormat.percent(Filters.softStr(v), values);
        }, "format");
        add(filters, TextFilters::indent, "indent");
        add(filters, (in, v, a, k) -> {
            new PyArgs("do_lower", a, k).expect(0, 0);
            return Filters.strMethod(v, "lower");
        }, "lower");
        add(filters, (in, v, a, k) -> {
            new PyArgs("do_upper", a, k).expect(0, 0);
            return Filters.strMethod(v, "upper");
        }, "upper");
        add(filters, (in, v, a, k) -> PyRepr.repr(v), "pprint");
        add(filters, (in, v, a, k) -> {
            PyArgs p = new PyArgs("do_replace", a, k).expect(2, 3, "old", "new", "count");
            Object count = p.get(2, "count", null);
            return PyStrings.replace(PyRepr.str(v), PyRepr.str(p.get(0, "old", null)), PyRepr.str(p.get(1, "new", null)),
                    count == null ? -1 : PyArgs.integer(count, null));
        }, "replace");
        add(filters, (in, v, a, k) -> {
            new PyArgs("do_mark_safe", a, k).expect(0, 0);
            return v instanceof Markup ? v : new Markup(PyRepr.str(v));
        }, "safe");
        add(filters, (in, v, a, k) -> {
            new PyArgs("soft_str", a, k).expect(0, 0);
            return Filters.softStr(v);
        }, "string");
        add(filters, (in, v, a, k) -> striptags(PyOps.text(v) != null ? PyOps.text(v) : PyRepr.str(v)), "striptags");
        add(filters, (in, v, a, k) -> {
            new PyArgs("do_title", a, k).expect(0, 0);
            return title(PyRepr.str(Filters.softStr(v)));
        }, "title");
        add(filters, (in, v, a, k) -> {
            PyArgs p = new PyArgs("do_trim", a, k).expect(0, 1, "chars");
            return Filters.strMethod(v, "strip", p.get(0, "chars", null));
        }, "trim");
        add(filters, TextFilters::truncate, "truncate");
        add(filters, (in, v, a, k) -> {
            new PyArgs("do_wordcount", a, k).expect(0, 0);
            String s = PyOps.text(Filters.softStr(v));
            long n = 0;
            boolean inWord = false;
            for (int i = 0; i < s.length(); ) {
                int c = s.codePointAt(i);
                i += Character.charCount(c);
                boolean w = PyChars.isWord(c);
                if (w && !inWord) {
                    n++;
                }
                inWord = w;
            }
            return n;
        }, "wordcount");
        add(filters, TextFilters::tojson, "tojson");
        add(filters, TextFilters::xmlattr, "xmlattr");
    }

    private static void add(Map<String, Filters.Filter> filters, Filters.Filter f, String... names) {
        for (String n : names) {
            filters.put(n, f);
        }
    }

    private static Object indent(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_indent", a, k).expect(0, 3, "width", "first", "blank");
        Object width = p.get(0, "width", 4L);
        boolean first = PyOps.truthy(p.get(1, "first", false));
        boolean blank = PyOps.truthy(p.get(2, "blank", false));
        String indention = PyOps.text(width) != null ? PyOps.text(width)
                : " ".repeat((int) Math.max(0, PyArgs.integer(width, null)));
        if (v instanceof Undefined u) {
            throw u.fail();
        }
        String s = PyOps.text(v);
        if (s == null) {
            throw PyError.typeError("unsupported operand type(s) for +=: '" + PyRepr.typeName(v) + "' and 'str'");
        }
        boolean markup = v instanceof Markup;
        if (markup) {
            indention = Markup.escape(indention);
        }
        s = s + "\n";
        List<Object> lines = PyStrings.splitlines(s, false);
        StringBuilder rv = new StringBuilder();
        if (blank) {
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) {
                    rv.append('\n').append(indention);
                }
                rv.append((String) lines.get(i));
            }
        } else {
            rv.append((String) lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                String line = (String) lines.get(i);
                rv.append('\n').append(line.isEmpty() ? line : indention + line);
            }
        }
        String result = first ? indention + rv : rv.toString();
        return markup ? new Markup(result) : result;
    }

    static String striptags(String s) {
        String noTags = s.replaceAll("(?s)(<!--.*?-->|<[^>]*>)", "");
        return Members.unescape(String.join(" ", PyStrings.split(noTags, null, -1).stream().map(x -> (String) x).toList()));
    }

    /** Jinja's title filter: each word (split at spaces, dashes and brackets) capitalized. */
    private static String title(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int j = i;
            boolean sep = isTitleSep(s.codePointAt(i));
            while (j < s.length() && isTitleSep(s.codePointAt(j)) == sep) {
                j += Character.charCount(s.codePointAt(j));
            }
            String item = s.substring(i, j);
            int first = item.codePointAt(0);
            int n = Character.charCount(first);
            out.append(item.substring(0, n).toUpperCase(java.util.Locale.ROOT))
                    .append(item.substring(n).toLowerCase(java.util.Locale.ROOT));
            i = j;
        }
        return out.toString();
    }

    private static boolean isTitleSep(int c) {
        return c == '-' || c == '(' || c == '{' || c == '[' || c == '<' || PyChars.isSpace(c);
    }

    private static Object truncate(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_truncate", a, k).expect(0, 4, "length", "killwords", "end", "leeway");
        long length = PyArgs.integer(p.get(0, "length", 255L), null);
        boolean killwords = PyOps.truthy(p.get(1, "killwords", false));
        String end = PyRepr.str(p.get(2, "end", "..."));
        long leeway = PyArgs.integer(p.get(3, "leeway", 5L), null);
        String s = PyOps.text(v);
        if (s == null) {
            throw PyError.typeError("object of type '" + PyRepr.typeName(v) + "' has no len()");
        }
        int n = s.codePointCount(0, s.length());
        if (n <= length + leeway) {
            return v;
        }
        int cut = (int) Math.max(0, length - end.length());
        String head = s.substring(0, s.offsetByCodePoints(0, Math.min(cut, n)));
        if (killwords) {
            return head + end;
        }
        int sp = head.lastIndexOf(' ');
        return (sp >= 0 ? head.substring(0, sp) : head) + end;
    }

    /** The chat-template {@code tojson}: {@code json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)}. */
    private static Object tojson(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("tojson", a, k).expect(0, 4, "ensure_ascii", "indent", "separators", "sort_keys");
        return PyJson.dumps(v, PyOps.truthy(p.get(0, "ensure_ascii", false)), p.get(1, "indent", null),
                p.get(2, "separators", null), PyOps.truthy(p.get(3, "sort_keys", false)));
    }

    private static Object xmlattr(Interpreter in, Object v, List<Object> a, Map<String, Object> k) {
        PyArgs p = new PyArgs("do_xmlattr", a, k).expect(0, 1, "autospace");
        boolean autospace = PyOps.truthy(p.get(0, "autospace", true));
        if (!(v instanceof Map<?, ?> m)) {
            throw new PyError("AttributeError", "'" + PyRepr.typeName(v) + "' object has no attribute 'items'");
        }
        List<String> items = new ArrayList<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() == null || e.getValue() instanceof Undefined) {
                continue;
            }
            String key = PyRepr.str(e.getKey());
            if (key.matches("(?s).*[\\s/>=].*")) {
                throw PyError.valueError("Invalid character in attribute name: " + PyRepr.repr(key));
            }
            items.add(Markup.escape(key) + "=\"" + Markup.escape(PyRepr.str(e.getValue())) + "\"");
        }
        String rv = String.join(" ", items);
        return autospace && !rv.isEmpty() ? " " + rv : rv;
    }
}
