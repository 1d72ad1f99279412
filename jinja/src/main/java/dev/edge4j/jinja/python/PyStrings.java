package dev.edge4j.jinja.python;

import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.PyTuple;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Python's {@code str} methods, by code point, with the same results and errors as CPython. */
public final class PyStrings {
    private PyStrings() {}

    public static final Set<String> METHODS = Set.of(
            "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format",
            "format_map", "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier",
            "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower",
            "lstrip", "maketrans", "partition", "removeprefix", "removesuffix", "replace", "rfind", "rindex",
            "rjust", "rpartition", "rsplit", "rstrip", "split", "splitlines", "startswith", "strip", "swapcase",
            "title", "translate", "upper", "zfill");

    /** markupsafe's methods whose result is Markup again (their string arguments get escaped). */
    private static final Set<String> MARKUP_RESULT = Set.of(
            "capitalize", "title", "lower", "upper", "replace", "ljust", "rjust", "lstrip", "rstrip", "center",
            "strip", "translate", "expandtabs", "swapcase", "zfill", "partition", "rpartition", "split", "rsplit",
            "splitlines", "join", "removeprefix", "removesuffix", "casefold");

    /** Calls method {@code name} on {@code s}; a Markup receiver escapes plain-string arguments and returns Markup. */
    public static Object call(String s, boolean markup, String name, List<Object> args, Map<String, Object> kwargs) {
        if (markup && name.equals("format")) {
            return new Markup(PyFormat.format(s, args, kwargs, true));
        }
        if (markup && MARKUP_RESULT.contains(name)) {
            List<Object> escaped = new ArrayList<>(args.size());
            for (Object a : args) {
                escaped.add(a instanceof String str ? Markup.escape(str) : a);
            }
            if (name.equals("join")) {
                escaped = java.util.Collections.singletonList(escapeItems(args.isEmpty() ? null : args.get(0)));
            }
            return toMarkup(call(s, name, escaped, kwargs));
        }
        return call(s, name, args, kwargs);
    }

    private static Object escapeItems(Object iterable) {
        if (iterable == null) {
            return null;
        }
        List<Object> out = new ArrayList<>();
        PyOps.iterate(iterable).forEachRemaining(x -> out.add(x instanceof String str ? Markup.escape(str) : x));
        return out;
    }

    private static Object toMarkup(Object r) {
        return switch (r) {
            case String str -> new Markup(str);
            case PyTuple t -> new PyTuple(t.items().stream().map(PyStrings::toMarkup).toList());
            case List<?> l -> new ArrayList<Object>(l.stream().map(PyStrings::toMarkup).toList());
            default -> r;
        };
    }

    private static Object call(String s, String name, List<Object> args, Map<String, Object> kwargs) {
        PyArgs a = new PyArgs("str." + name, args, kwargs);
        return switch (name) {
            case "upper" -> none(a, s.toUpperCase(Locale.ROOT));
            case "lower", "casefold" -> none(a, s.toLowerCase(Locale.ROOT));
            case "swapcase" -> none(a, swapcase(s));
            case "title" -> none(a, title(s));
            case "capitalize" -> none(a, capitalize(s));
            case "strip" -> strip(s, stripChars(a), true, true);
            case "lstrip" -> strip(s, stripChars(a), true, false);
            case "rstrip" -> strip(s, stripChars(a), false, true);
            case "split" -> {
                a.expect(0, 2, "sep", "maxsplit");
                yield split(s, a.get(0, "sep", null), maxsplit(a));
            }
            case "rsplit" -> {
                a.expect(0, 2, "sep", "maxsplit");
                yield rsplit(s, a.get(0, "sep", null), maxsplit(a));
            }
            case "splitlines" -> {
                a.expect(0, 1, "keepends");
                yield splitlines(s, PyOps.truthy(a.get(0, "keepends", false)));
            }
            case "startswith", "endswith" -> affix(s, name, a);
            case "find", "rfind", "index", "rindex" -> find(s, name, a);
            case "count" -> count(s, a);
            case "replace" -> {
                a.expect(2, 3);
                yield replace(s, str(a.get(0, null, null), "replace", 1), str(a.get(1, null, null), "replace", 2),
                        a.size() > 2 ? PyArgs.integer(a.get(2, null, null), null) : -1);
            }
            case "join" -> {
                a.expect(1, 1);
                yield join(s, a.get(0, null, null));
            }
            case "center", "ljust", "rjust" -> justify(s, name, a);
            case "zfill" -> {
                a.expect(1, 1);
                yield zfill(s, PyArgs.integer(a.get(0, null, null), null));
            }
            case "partition", "rpartition" -> partition(s, name, a);
            case "removeprefix" -> {
                a.expect(1, 1);
                String p = str(a.get(0, null, null), name, 1);
                yield s.startsWith(p) ? s.substring(p.length()) : s;
            }
            case "removesuffix" -> {
                a.expect(1, 1);
                String p = str(a.get(0, null, null), name, 1);
                yield !p.isEmpty() && s.endsWith(p) ? s.substring(0, s.length() - p.length()) : s;
            }
            case "expandtabs" -> {
                a.expect(0, 1, "tabsize");
                yield expandtabs(s, PyArgs.integer(a.get(0, "tabsize", 8L), null));
            }
            case "isalnum" -> none(a, all(s, PyChars::isAlnum));
            case "isalpha" -> none(a, all(s, PyChars::isAlpha));
            case "isascii" -> none(a, s.chars().allMatch(c -> c < 128));
            case "isdecimal" -> none(a, all(s, PyChars::isDecimal));
            case "isdigit" -> none(a, all(s, PyChars::isDigit));
            case "isnumeric" -> none(a, all(s, PyChars::isNumeric));
            case "isspace" -> none(a, all(s, PyChars::isSpace));
            case "isprintable" -> none(a, s.codePoints().allMatch(PyChars::isPrintable));
            case "isidentifier" -> none(a, isIdentifier(s));
            case "islower" -> none(a, cased(s, false));
            case "isupper" -> none(a, cased(s, true));
            case "istitle" -> none(a, istitle(s));
            case "format" -> PyFormat.format(s, args, kwargs);
            case "format_map" -> {
                a.expect(1, 1);
                Object m = a.get(0, null, null);
                if (!(m instanceof Map<?, ?> map)) {
                    throw PyError.typeError("format_map() argument must be a mapping");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> mm = (Map<String, Object>) map;
                yield PyFormat.format(s, List.of(), mm);
            }
            default -> throw PyError.typeError("str." + name + "() is not supported by this renderer");
        };
    }

    private static Object none(PyArgs a, Object result) {
        a.expect(0, 0);
        return result;
    }

    private static String str(Object o, String fn, int pos) {
        String t = PyOps.text(o);
        if (t == null) {
            throw PyError.typeError(switch (fn) {
                case "replace" -> "replace() argument " + pos + " must be str, not " + PyRepr.typeName(o);
                default -> "must be str, not " + PyRepr.typeName(o);
            });
        }
        return t;
    }

    private interface CpTest {
        boolean test(int cp);
    }

    private static boolean all(String s, CpTest t) {
        if (s.isEmpty()) {
            return false;
        }
        return s.codePoints().allMatch(t::test);
    }

    // ---- case

    private static String swapcase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            String ch = new String(Character.toChars(c));
            b.append(Character.isUpperCase(c) ? ch.toLowerCase(Locale.ROOT)
                    : Character.isLowerCase(c) ? ch.toUpperCase(Locale.ROOT) : ch);
        });
        return b.toString();
    }

    /** {@code str.title()}: each cased run starts title-case, the rest lower-case. */
    public static String title(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean prevCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            String ch = new String(Character.toChars(c));
            if (prevCased) {
                b.append(ch.toLowerCase(Locale.ROOT));
            } else {
                b.append(titleCase(c));
            }
            prevCased = PyChars.isCased(c);
        }
        return b.toString();
    }

    private static String titleCase(int c) {
        int t = Character.toTitleCase(c);
        if (t == c && Character.isLowerCase(c)) {
            return new String(Character.toChars(c)).toUpperCase(Locale.ROOT);
        }
        return new String(Character.toChars(t));
    }

    public static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int c = s.codePointAt(0);
        int n = Character.charCount(c);
        return titleCase(c) + s.substring(n).toLowerCase(Locale.ROOT);
    }

    private static boolean cased(String s, boolean upper) {
        boolean anyCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (upper ? Character.isLowerCase(c) || Character.isTitleCase(c) : Character.isUpperCase(c) || Character.isTitleCase(c)) {
                return false;
            }
            if (upper ? Character.isUpperCase(c) : Character.isLowerCase(c)) {
                anyCased = true;
            }
        }
        return anyCased;
    }

    private static boolean istitle(String s) {
        boolean cased = false;
        boolean prevCased = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isUpperCase(c) || Character.isTitleCase(c)) {
                if (prevCased) {
                    return false;
                }
                prevCased = true;
                cased = true;
            } else if (Character.isLowerCase(c)) {
                if (!prevCased) {
                    return false;
                }
                prevCased = true;
                cased = true;
            } else {
                prevCased = false;
            }
        }
        return cased;
    }

    private static boolean isIdentifier(String s) {
        if (s.isEmpty()) {
            return false;
        }
        int first = s.codePointAt(0);
        if (!(first == '_' || Character.isUnicodeIdentifierStart(first))) {
            return false;
        }
        return s.codePoints().skip(1).allMatch(c -> c == '_' || Character.isUnicodeIdentifierPart(c)
                && !Character.isIdentifierIgnorable(c));
    }

    // ---- strip / split

    private static String stripChars(PyArgs a) {
        a.expect(0, 1);
        Object chars = a.get(0, null, null);
        if (chars == null) {
            return null;
        }
        String t = PyOps.text(chars);
        if (t == null) {
            throw PyError.typeError("strip arg must be None or str");
        }
        return t;
    }

    /** {@code str.strip(chars)}; {@code chars} null strips whitespace. */
    public static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        if (left) {
            while (start < end) {
                int c = s.codePointAt(start);
                if (!stripped(c, chars)) {
                    break;
                }
                start += Character.charCount(c);
            }
        }
        if (right) {
            while (end > start) {
                int c = s.codePointBefore(end);
                if (!stripped(c, chars)) {
                    break;
                }
                end -= Character.charCount(c);
            }
        }
        return s.substring(start, end);
    }

    private static boolean stripped(int c, String chars) {
        return chars == null ? PyChars.isSpace(c) : chars.indexOf(c) >= 0;
    }

    private static long maxsplit(PyArgs a) {
        return PyArgs.integer(a.get(1, "maxsplit", -1L), null);
    }

    public static List<Object> split(String s, Object sepArg, long maxsplit) {
        List<Object> out = new ArrayList<>();
        if (maxsplit < 0) {
            maxsplit = Long.MAX_VALUE;
        }
        if (sepArg == null) {
            int i = 0;
            int n = s.length();
            while (maxsplit-- > 0) {
                while (i < n && PyChars.isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i == n) {
                    break;
                }
                int j = i;
                while (i < n && !PyChars.isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                out.add(s.substring(j, i));
            }
            if (i < n) {
                while (i < n && PyChars.isSpace(s.codePointAt(i))) {
                    i += Character.charCount(s.codePointAt(i));
                }
                if (i != n) {
                    out.add(s.substring(i));
                }
            }
            return out;
        }
        String sep = sepText(sepArg);
        int i = 0;
        while (maxsplit-- > 0) {
            int j = s.indexOf(sep, i);
            if (j < 0) {
                break;
            }
            out.add(s.substring(i, j));
            i = j + sep.length();
        }
        out.add(s.substring(i));
        return out;
    }

    private static String sepText(Object sepArg) {
        String sep = PyOps.text(sepArg);
        if (sep == null) {
            throw PyError.typeError("must be str or None, not " + PyRepr.typeName(sepArg));
        }
        if (sep.isEmpty()) {
            throw PyError.valueError("empty separator");
        }
        return sep;
    }

    public static List<Object> rsplit(String s, Object sepArg, long maxsplit) {
        List<Object> out = new ArrayList<>();
        if (maxsplit < 0) {
            maxsplit = Long.MAX_VALUE;
        }
        if (sepArg == null) {
            int i = s.length();
            while (maxsplit-- > 0) {
                while (i > 0 && PyChars.isSpace(s.codePointBefore(i))) {
                    i -= Character.charCount(s.codePointBefore(i));
                }
                if (i == 0) {
                    break;
                }
                int j = i;
                while (i > 0 && !PyChars.isSpace(s.codePointBefore(i))) {
                    i -= Character.charCount(s.codePointBefore(i));
                }
                out.add(s.substring(i, j));
            }
            if (i > 0) {
                while (i > 0 && PyChars.isSpace(s.codePointBefore(i))) {
                    i -= Character.charCount(s.codePointBefore(i));
                }
                if (i > 0) {
                    out.add(s.substring(0, i));
                }
            }
            Collections.reverse(out);
            return out;
        }
        String sep = sepText(sepArg);
        int end = s.length();
        while (maxsplit-- > 0) {
            int j = s.lastIndexOf(sep, end - sep.length());
            if (j < 0) {
                break;
            }
            out.add(s.substring(j + sep.length(), end));
            end = j;
        }
        out.add(s.substring(0, end));
        Collections.reverse(out);
        return out;
    }

    public static List<Object> splitlines(String s, boolean keepends) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            int j = i;
            while (i < n && !PyChars.isLineBreak(s.charAt(i))) {
                i++;
            }
            int eol = i;
            if (i < n) {
                if (s.charAt(i) == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
                    i += 2;
                } else {
                    i++;
                }
                if (keepends) {
                    eol = i;
                }
            }
            out.add(s.substring(j, eol));
        }
        return out;
    }

    // ---- search

    private static int[] range(String s, PyArgs a, int startPos) {
        int n = s.codePointCount(0, s.length());
        Object start = a.get(startPos, null, null);
        Object end = a.get(startPos + 1, null, null);
        PySlice.Bounds b = PySlice.bounds(start, end, null, n);
        long lo = start == null ? 0 : b.start();
        long hi = end == null ? n : b.stop();
        return new int[] {(int) lo, (int) Math.max(hi, lo), (int) hi};
    }

    private static int off(String s, int cp) {
        return s.offsetByCodePoints(0, cp);
    }

    private static Object affix(String s, String name, PyArgs a) {
        a.expect(1, 3);
        Object what = a.get(0, null, null);
        int[] r = range(s, a, 1);
        List<String> options = new ArrayList<>();
        if (what instanceof PyTuple t) {
            for (Object o : t.items()) {
                String x = PyOps.text(o);
                if (x == null) {
                    throw PyError.typeError("tuple for " + name + " must only contain str, not " + PyRepr.typeName(o));
                }
                options.add(x);
            }
        } else {
            String x = PyOps.text(what);
            if (x == null) {
                throw PyError.typeError(name + " first arg must be str or a tuple of str, not " + PyRepr.typeName(what));
            }
            options.add(x);
        }
        int n = s.codePointCount(0, s.length());
        if (r[0] > n) {
            return false;
        }
        String sub = s.substring(off(s, r[0]), off(s, Math.min(r[1], n)));
        for (String o : options) {
            if (name.equals("startswith") ? sub.startsWith(o) : sub.endsWith(o)) {
                return true;
            }
        }
        return false;
    }

    private static Object find(String s, String name, PyArgs a) {
        a.expect(1, 3);
        String sub = str(a.get(0, null, null), name, 1);
        int[] r = range(s, a, 1);
        int n = s.codePointCount(0, s.length());
        int result = -1;
        if (r[0] <= n && r[1] - r[0] >= sub.codePointCount(0, sub.length())) {
            int lo = off(s, r[0]);
            int hi = off(s, Math.min(r[1], n));
            String hay = s.substring(lo, hi);
            int at = name.startsWith("r") ? hay.lastIndexOf(sub) : hay.indexOf(sub);
            if (at >= 0) {
                result = r[0] + hay.codePointCount(0, at);
            }
        }
        if (result < 0 && name.endsWith("index")) {
            throw PyError.valueError("substring not found");
        }
        return (long) result;
    }

    private static Object count(String s, PyArgs a) {
        a.expect(1, 3);
        String sub = str(a.get(0, null, null), "count", 1);
        int[] r = range(s, a, 1);
        int n = s.codePointCount(0, s.length());
        if (r[0] > n) {
            return 0L;
        }
        String hay = s.substring(off(s, r[0]), off(s, Math.min(r[1], n)));
        if (sub.isEmpty()) {
            return (long) hay.codePointCount(0, hay.length()) + 1;
        }
        long c = 0;
        for (int i = hay.indexOf(sub); i >= 0; i = hay.indexOf(sub, i + sub.length())) {
            c++;
        }
        return c;
    }

    public static String replace(String s, String old, String repl, long count) {
        if (count < 0) {
            count = Long.MAX_VALUE;
        }
        if (old.isEmpty()) {
            StringBuilder b = new StringBuilder();
            int i = 0;
            long done = 0;
            while (i <= s.length()) {
                if (done < count) {
                    b.append(repl);
                    done++;
                }
                if (i == s.length()) {
                    break;
                }
                int c = s.codePointAt(i);
                b.appendCodePoint(c);
                i += Character.charCount(c);
            }
            return b.toString();
        }
        StringBuilder b = new StringBuilder();
        int i = 0;
        long done = 0;
        while (done < count) {
            int j = s.indexOf(old, i);
            if (j < 0) {
                break;
            }
            b.append(s, i, j).append(repl);
            i = j + old.length();
            done++;
        }
        return b.append(s, i, s.length()).toString();
    }

    public static String join(String sep, Object iterable) {
        Iterator<Object> it = PyOps.iterate(iterable);
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (it.hasNext()) {
            Object o = it.next();
            String t = PyOps.text(o);
            if (t == null) {
                throw PyError.typeError("sequence item " + i + ": expected str instance, " + PyRepr.typeName(o) + " found");
            }
            if (i > 0) {
                b.append(sep);
            }
            b.append(t);
            i++;
        }
        return b.toString();
    }

    private static Object justify(String s, String name, PyArgs a) {
        a.expect(1, 2);
        long width = PyArgs.integer(a.get(0, null, null), null);
        String fill = " ";
        if (a.size() > 1) {
            fill = PyOps.text(a.get(1, null, null));
            if (fill == null || fill.codePointCount(0, fill.length()) != 1) {
                throw PyError.typeError("The fill character must be exactly one character long");
            }
        }
        return pad(s, name, width, fill);
    }

    public static String pad(String s, String how, long width, String fill) {
        int n = s.codePointCount(0, s.length());
        if (width <= n) {
            return s;
        }
        long marg = width - n;
        long left = switch (how) {
            case "ljust" -> 0;
            case "rjust" -> marg;
            default -> marg / 2 + (marg & width & 1);
        };
        return fill.repeat((int) left) + s + fill.repeat((int) (marg - left));
    }

    private static String zfill(String s, long width) {
        int n = s.codePointCount(0, s.length());
        if (width <= n) {
            return s;
        }
        String zeros = "0".repeat((int) (width - n));
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            return s.charAt(0) + zeros + s.substring(1);
        }
        return zeros + s;
    }

    private static Object partition(String s, String name, PyArgs a) {
        a.expect(1, 1);
        String sep = sepText(a.get(0, null, null));
        int at = name.equals("partition") ? s.indexOf(sep) : s.lastIndexOf(sep);
        if (at < 0) {
            return name.equals("partition") ? PyTuple.of(s, "", "") : PyTuple.of("", "", s);
        }
        return PyTuple.of(s.substring(0, at), sep, s.substring(at + sep.length()));
    }

    private static String expandtabs(String s, long tabsize) {
        StringBuilder b = new StringBuilder();
        long col = 0;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\t') {
                if (tabsize > 0) {
                    long spaces = tabsize - (col % tabsize);
                    b.append(" ".repeat((int) spaces));
                    col += spaces;
                }
            } else {
                b.appendCodePoint(c);
                col = (c == '\n' || c == '\r') ? 0 : col + 1;
            }
        }
        return b.toString();
    }
}
