package dev.edge4j.jinja.python;

import dev.edge4j.jinja.value.Markup;
import dev.edge4j.jinja.value.PyTuple;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Python's {@code str.format} and {@code %} formatting for the value types templates use. */
public final class PyFormat {
    private PyFormat() {}

    // ---- str.format

    public static String format(String fmt, List<Object> args, Map<String, Object> kwargs) {
        return format(fmt, args, kwargs, false);
    }

    /**
     * {@code str.format}; with {@code escape} (a Markup format string) every field whose value is
     * not Markup is HTML-escaped after formatting, as markupsafe's formatter does.
     */
    public static String format(String fmt, List<Object> args, Map<String, Object> kwargs, boolean escape) {
        StringBuilder out = new StringBuilder();
        int[] auto = {0};
        boolean[] mode = {false, false};
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i);
            if (c == '{') {
                if (i + 1 < n && fmt.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                int depth = 1;
                int j = i + 1;
                while (j < n && depth > 0) {
                    if (fmt.charAt(j) == '{') {
                        depth++;
                    } else if (fmt.charAt(j) == '}') {
                        depth--;
                    }
                    if (depth > 0) {
                        j++;
                    }
                }
                if (j >= n) {
                    throw PyError.valueError("expected '}' before end of string");
                }
                out.append(field(fmt.substring(i + 1, j), args, kwargs, auto, mode, escape));
                i = j + 1;
            } else if (c == '}') {
                if (i + 1 < n && fmt.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw PyError.valueError("Single '}' encountered in format string");
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String field(String field, List<Object> args, Map<String, Object> kwargs, int[] auto, boolean[] mode,
            boolean escape) {
        String spec = "";
        String conv = null;
        int colon = -1;
        int bracket = 0;
        for (int k = 0; k < field.length(); k++) {
            char ch = field.charAt(k);
            if (ch == '[') {
                bracket++;
            } else if (ch == ']') {
                bracket--;
            } else if (bracket == 0 && (ch == ':' || ch == '!')) {
                colon = k;
                break;
            }
        }
        String name = colon < 0 ? field : field.substring(0, colon);
        if (colon >= 0) {
            String rest = field.substring(colon);
            if (rest.startsWith("!")) {
                if (rest.length() < 2) {
                    throw PyError.valueError("end of string while looking for conversion specifier");
                }
                conv = rest.substring(1, 2);
                rest = rest.substring(2);
                if (!rest.isEmpty() && !rest.startsWith(":")) {
                    throw PyError.valueError("expected ':' after conversion specifier");
                }
            }
            if (rest.startsWith(":")) {
                spec = format(rest.substring(1), args, kwargs);
            }
        }
        int end = 0;
        while (end < name.length() && name.charAt(end) != '.' && name.charAt(end) != '[') {
            end++;
        }
        String first = name.substring(0, end);
        Object value;
        if (first.isEmpty() || first.chars().allMatch(Character::isDigit)) {
            int index;
            if (first.isEmpty()) {
                if (mode[1]) {
                    throw PyError.valueError("cannot switch from manual field specification to automatic field numbering");
                }
                mode[0] = true;
                index = auto[0]++;
            } else {
                if (mode[0]) {
                    throw PyError.valueError("cannot switch from automatic field numbering to manual field specification");
                }
                mode[1] = true;
                index = Integer.parseInt(first);
            }
            if (index >= args.size()) {
                throw new PyError("IndexError", "tuple index out of range");
            }
            value = args.get(index);
        } else {
            if (!kwargs.containsKey(first)) {
                throw new PyError("KeyError", PyRepr.repr(first));
            }
            value = kwargs.get(first);
        }
        value = members(value, name.substring(end));
        if (conv != null) {
            value = switch (conv) {
                case "r" -> PyRepr.repr(value);
                case "s" -> PyRepr.str(value);
                case "a" -> ascii(PyRepr.repr(value));
                default -> throw PyError.valueError("Unknown conversion specifier " + conv);
            };
        }
        String text = formatValue(value, spec);
        return escape && !(value instanceof Markup) ? Markup.escape(text) : text;
    }

    private static Object members(Object value, String rest) {
        int i = 0;
        while (i < rest.length()) {
            if (rest.charAt(i) == '.') {
                int j = i + 1;
                while (j < rest.length() && rest.charAt(j) != '.' && rest.charAt(j) != '[') {
                    j++;
                }
                String attr = rest.substring(i + 1, j);
                if (value instanceof Map<?, ?> m && m.containsKey(attr) ) {
                    throw new PyError("AttributeError", "'dict' object has no attribute '" + attr + "'");
                }
                throw new PyError("AttributeError", "'" + PyRepr.typeName(value) + "' object has no attribute '" + attr + "'");
            }
            int close = rest.indexOf(']', i);
            if (close < 0) {
                throw PyError.valueError("Missing ']' in format string");
            }
            String key = rest.substring(i + 1, close);
            Object k = key.chars().allMatch(Character::isDigit) && !key.isEmpty() ? (Object) Long.parseLong(key) : key;
            if (value instanceof Map<?, ?> m) {
                Object[] found = PyOps.dictLookup(m, k);
                if (found == null) {
                    throw new PyError("KeyError", PyRepr.repr(k));
                }
                value = found[0];
            } else if (k instanceof Long idx) {
                Object[] found = PySlice.item(value, idx);
                if (found == null) {
                    throw new PyError("IndexError", "list index out of range");
                }
                value = found[0];
            } else {
                throw PyError.typeError(PyRepr.typeName(value) + " indices must be integers or slices, not str");
            }
            i = close + 1;
        }
        return value;
    }

    private static String ascii(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (c < 128) {
                b.append((char) c);
            } else if (c <= 0xff) {
                b.append(String.format("\\x%02x", c));
            } else if (c <= 0xffff) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.append(String.format("\\U%08x", c));
            }
        });
        return b.toString();
    }

    // ---- format specs

    private record Spec(String fill, char align, char sign, boolean alt, boolean zero, int width, char grouping,
                        int precision, char type) {}

    private static Spec parseSpec(String s) {
        int i = 0;
        String fill = null;
        char align = 0;
        if (s.length() >= 2 && "<>=^".indexOf(s.charAt(1)) >= 0) {
            fill = s.substring(0, 1);
            align = s.charAt(1);
            i = 2;
        } else if (!s.isEmpty() && "<>=^".indexOf(s.charAt(0)) >= 0) {
            align = s.charAt(0);
            i = 1;
        }
        char sign = 0;
        if (i < s.length() && "+- ".indexOf(s.charAt(i)) >= 0) {
            sign = s.charAt(i++);
        }
        if (i < s.length() && s.charAt(i) == 'z') {
            i++;
        }
        boolean alt = false;
        if (i < s.length() && s.charAt(i) == '#') {
            alt = true;
            i++;
        }
        boolean zero = false;
        if (i < s.length() && s.charAt(i) == '0') {
            zero = true;
            i++;
        }
        int width = -1;
        int ws = i;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i > ws) {
            width = Integer.parseInt(s.substring(ws, i));
        }
        char grouping = 0;
        if (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == '_')) {
            grouping = s.charAt(i++);
        }
        int precision = -1;
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            int ps = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (i == ps) {
                throw PyError.valueError("Format specifier missing precision");
            }
            precision = Integer.parseInt(s.substring(ps, i));
        }
        char type = 0;
        if (i < s.length()) {
            type = s.charAt(i++);
        }
        if (i < s.length()) {
            throw PyError.valueError("Invalid format specifier");
        }
        return new Spec(fill, align, sign, alt, zero, width, grouping, precision, type);
    }

    /** Python's {@code format(value, spec)}. */
    public static String formatValue(Object value, String specText) {
        if (specText.isEmpty()) {
            return PyRepr.str(value);
        }
        Spec spec = parseSpec(specText);
        String text = PyOps.text(value);
        if (text != null) {
            if (spec.type() != 0 && spec.type() != 's') {
                throw PyError.valueError("Unknown format code '" + spec.type() + "' for object of type 'str'");
            }
            if (spec.sign() != 0) {
                throw PyError.valueError("Sign not allowed in string format specifier");
            }
            if (spec.precision() >= 0 && text.codePointCount(0, text.length()) > spec.precision()) {
                text = text.substring(0, text.offsetByCodePoints(0, spec.precision()));
            }
            return align(text, spec, '<', "");
        }
        if (PyNum.isInt(value) && "eEfFgGn%".indexOf(spec.type()) < 0 || (PyNum.isInt(value) && spec.type() == 0)) {
            return formatInt(PyNum.big(value), spec);
        }
        if (PyNum.isNumber(value)) {
            return formatFloat(PyNum.toDouble(value), spec);
        }
        throw PyError.typeError("unsupported format string passed to " + PyRepr.typeName(value) + ".__format__");
    }

    private static String align(String body, Spec spec, char defaultAlign, String signPrefix) {
        char a = spec.align() == 0 ? (spec.zero() && defaultAlign == '>' ? '=' : defaultAlign) : spec.align();
        String fill = spec.fill() != null ? spec.fill() : (spec.zero() && spec.align() == 0 ? "0" : " ");
        int len = body.codePointCount(0, body.length()) + signPrefix.length();
        if (spec.width() <= len) {
            return signPrefix + body;
        }
        int pad = spec.width() - len;
        return switch (a) {
            case '<' -> signPrefix + body + fill.repeat(pad);
            case '^' -> fill.repeat(pad / 2) + signPrefix + body + fill.repeat(pad - pad / 2);
            case '=' -> signPrefix + fill.repeat(pad) + body;
            default -> fill.repeat(pad) + signPrefix + body;
        };
    }

    private static String signOf(boolean negative, char sign) {
        if (negative) {
            return "-";
        }
        return sign == '+' ? "+" : sign == ' ' ? " " : "";
    }

    private static String group(String digits, char grouping, int every) {
        if (grouping == 0) {
            return digits;
        }
        StringBuilder b = new StringBuilder();
        int n = digits.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && (n - i) % every == 0) {
                b.append(grouping);
            }
            b.append(digits.charAt(i));
        }
        return b.toString();
    }

    private static String formatInt(BigInteger v, Spec spec) {
        char type = spec.type() == 0 ? 'd' : spec.type();
        String digits;
        String prefix = "";
        BigInteger abs = v.abs();
        switch (type) {
            case 'd', 'n' -> digits = group(abs.toString(), spec.grouping(), 3);
            case 'x' -> {
                digits = group(abs.toString(16), spec.grouping(), 4);
                prefix = spec.alt() ? "0x" : "";
            }
            case 'X' -> {
                digits = group(abs.toString(16).toUpperCase(), spec.grouping(), 4);
                prefix = spec.alt() ? "0X" : "";
            }
            case 'o' -> {
                digits = group(abs.toString(8), spec.grouping(), 4);
                prefix = spec.alt() ? "0o" : "";
            }
            case 'b' -> {
                digits = group(abs.toString(2), spec.grouping(), 4);
                prefix = spec.alt() ? "0b" : "";
            }
            case 'c' -> {
                return align(new String(Character.toChars(v.intValue())), spec, '<', "");
            }
            default -> throw PyError.valueError("Unknown format code '" + type + "' for object of type 'int'");
        }
        if (spec.precision() >= 0) {
            throw PyError.valueError("Precision not allowed in integer format specifier");
        }
        return align(digits, spec, '>', signOf(v.signum() < 0, spec.sign()) + prefix);
    }

    private static String formatFloat(double d, Spec spec) {
        char type = spec.type();
        boolean negative = d < 0 || (d == 0 && 1 / d < 0);
        double a = Math.abs(d);
        String body;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            body = Double.isNaN(d) ? "nan" : "inf";
            if (Character.isUpperCase(type)) {
                body = body.toUpperCase();
            }
            negative = !Double.isNaN(d) && d < 0;
        } else {
            body = switch (type) {
                case 'f', 'F' -> fixed(a, spec.precision() < 0 ? 6 : spec.precision(), spec.alt());
                case 'e', 'E' -> {
                    String s = sci(a, spec.precision() < 0 ? 6 : spec.precision(), spec.alt());
                    yield type == 'E' ? s.toUpperCase() : s;
                }
                case 'g', 'G', 'n' -> {
                    String s = general(a, spec.precision() < 0 ? 6 : spec.precision(), spec.alt(), false);
                    yield type == 'G' ? s.toUpperCase() : s;
                }
                case '%' -> fixed(a * 100, spec.precision() < 0 ? 6 : spec.precision(), spec.alt()) + "%";
                case 0 -> spec.precision() < 0 ? PyFloat.repr(a) : general(a, spec.precision(), spec.alt(), true);
                default -> throw PyError.valueError("Unknown format code '" + type + "' for object of type 'float'");
            };
            if (spec.grouping() != 0) {
                int dot = body.indexOf('.');
                int end = dot >= 0 ? dot : body.indexOf('e') >= 0 ? body.indexOf('e') : body.length();
                body = group(body.substring(0, end), spec.grouping(), 3) + body.substring(end);
            }
        }
        return align(body, spec, '>', signOf(negative, spec.sign()));
    }

    static String fixed(double a, int precision, boolean alt) {
        String s = new BigDecimal(a).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return alt && precision == 0 ? s + "." : s;
    }

    static String sci(double a, int precision, boolean alt) {
        if (a == 0) {
            return (precision > 0 || alt ? "0." + "0".repeat(precision) : "0") + "e+00";
        }
        BigDecimal r = new BigDecimal(a).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        int exp = digits.length() - 1 - r.scale();
        digits = (digits + "0".repeat(precision + 1)).substring(0, precision + 1);
        StringBuilder b = new StringBuilder().append(digits.charAt(0));
        if (precision > 0 || alt) {
            b.append('.').append(digits, 1, digits.length());
        }
        b.append('e').append(exp < 0 ? '-' : '+');
        if (Math.abs(exp) < 10) {
            b.append('0');
        }
        return b.append(Math.abs(exp)).toString();
    }

    private static String general(double a, int precision, boolean alt, boolean noType) {
        int p = precision == 0 ? 1 : precision;
        if (a == 0) {
            return noType ? "0.0" : alt ? "0." + "0".repeat(p - 1) : "0";
        }
        BigDecimal r = new BigDecimal(a).round(new MathContext(p, RoundingMode.HALF_EVEN));
        String digits = r.unscaledValue().toString();
        int exp = digits.length() - 1 - r.scale();
        String s;
        if (exp >= -4 && exp < p) {
            s = fixed(a, p - 1 - exp, alt);
            if (!alt && s.indexOf('.') >= 0) {
                s = s.replaceAll("0+$", "");
                if (s.endsWith(".")) {
                    s = noType ? s + "0" : s.substring(0, s.length() - 1);
                }
            }
        } else {
            s = sci(a, p - 1, alt);
            if (!alt) {
                int e = s.indexOf('e');
                String mant = s.substring(0, e);
                if (mant.indexOf('.') >= 0) {
                    mant = mant.replaceAll("0+$", "");
                    if (mant.endsWith(".")) {
                        mant = mant.substring(0, mant.length() - 1);
                    }
                }
                s = mant + s.substring(e);
            }
        }
        return s;
    }

    // ---- % formatting

    /** Python's {@code fmt % values}; a Markup format escapes the values it inserts. */
    public static Object percent(Object format, Object values) {
        boolean markup = format instanceof Markup;
        String fmt = PyOps.text(format);
        List<Object> args;
        Map<?, ?> mapping = null;
        if (values instanceof PyTuple t) {
            args = t.items();
        } else {
            args = List.of(values == null ? NONE : values);
            if (values instanceof Map<?, ?> m) {
                mapping = m;
            }
        }
        StringBuilder out = new StringBuilder();
        int argi = 0;
        int i = 0;
        int n = fmt.length();
        boolean usedMapping = false;
        while (i < n) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i >= n) {
                throw PyError.valueError("incomplete format");
            }
            Object value = null;
            boolean haveValue = false;
            if (fmt.charAt(i) == '(') {
                int close = fmt.indexOf(')', i);
                if (close < 0) {
                    throw PyError.valueError("incomplete format key");
                }
                if (mapping == null) {
                    throw PyError.typeError("format requires a mapping");
                }
                Object[] found = PyOps.dictLookup(mapping, fmt.substring(i + 1, close));
                if (found == null) {
                    throw new PyError("KeyError", PyRepr.repr(fmt.substring(i + 1, close)));
                }
                value = found[0];
                haveValue = true;
                usedMapping = true;
                i = close + 1;
            }
            StringBuilder flags = new StringBuilder();
            while (i < n && "-+ #0".indexOf(fmt.charAt(i)) >= 0) {
                flags.append(fmt.charAt(i++));
            }
            int width = -1;
            if (i < n && fmt.charAt(i) == '*') {
                width = (int) PyArgs.integer(nextArg(args, argi++), null);
                i++;
            } else {
                int ws = i;
                while (i < n && Character.isDigit(fmt.charAt(i))) {
                    i++;
                }
                if (i > ws) {
                    width = Integer.parseInt(fmt.substring(ws, i));
                }
            }
            int precision = -1;
            if (i < n && fmt.charAt(i) == '.') {
                i++;
                if (i < n && fmt.charAt(i) == '*') {
                    precision = (int) PyArgs.integer(nextArg(args, argi++), null);
                    i++;
                } else {
                    int ps = i;
                    while (i < n && Character.isDigit(fmt.charAt(i))) {
                        i++;
                    }
                    precision = i > ps ? Integer.parseInt(fmt.substring(ps, i)) : 0;
                }
            }
            while (i < n && "hlL".indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            if (i >= n) {
                throw PyError.valueError("incomplete format");
            }
            char type = fmt.charAt(i++);
            if (type == '%') {
                out.append('%');
                continue;
            }
            if (!haveValue) {
                value = nextArg(args, argi++);
            }
            if (value == NONE) {
                value = null;
            }
            String body = percentOne(type, flags.toString(), precision, value, i - 1);
            if (markup && (type == 's' || type == 'r' || type == 'a') && !(value instanceof Markup)) {
                body = Markup.escape(body);
            }
            String f = flags.toString();
            boolean left = f.contains("-");
            int len = body.codePointCount(0, body.length());
            if (width > len) {
                String pad = (f.contains("0") && !left && "sra".indexOf(type) < 0) ? "0" : " ";
                if (pad.equals("0") && !body.isEmpty() && "+- ".indexOf(body.charAt(0)) >= 0) {
                    body = body.charAt(0) + "0".repeat(width - len) + body.substring(1);
                } else {
                    body = left ? body + " ".repeat(width - len) : pad.repeat(width - len) + body;
                }
            }
            out.append(body);
        }
        if (!usedMapping && argi < args.size() && !(mapping != null && args.size() == 1)) {
            throw PyError.typeError("not all arguments converted during string formatting");
        }
        return markup ? new Markup(out.toString()) : out.toString();
    }

    private static final Object NONE = new Object();

    private static Object nextArg(List<Object> args, int i) {
        if (i >= args.size()) {
            throw PyError.typeError("not enough arguments for format string");
        }
        return args.get(i);
    }

    private static String percentOne(char type, String flags, int precision, Object value, int at) {
        switch (type) {
            case 's' -> {
                String s = PyRepr.str(value);
                return precision >= 0 && s.length() > precision ? s.substring(0, precision) : s;
            }
            case 'r', 'a' -> {
                String s = type == 'r' ? PyRepr.repr(value) : ascii(PyRepr.repr(value));
                return precision >= 0 && s.length() > precision ? s.substring(0, precision) : s;
            }
            case 'd', 'i', 'u' -> {
                BigInteger v = percentInt(value, type);
                return signOf(v.signum() < 0, flags.contains("+") ? '+' : flags.contains(" ") ? ' ' : 0) + v.abs();
            }
            case 'x', 'X', 'o' -> {
                BigInteger v = percentInt(value, type);
                String digits = v.abs().toString(type == 'o' ? 8 : 16);
                if (type == 'X') {
                    digits = digits.toUpperCase();
                }
                String prefix = flags.contains("#") ? (type == 'o' ? "0o" : type == 'x' ? "0x" : "0X") : "";
                return signOf(v.signum() < 0, flags.contains("+") ? '+' : flags.contains(" ") ? ' ' : 0) + prefix + digits;
            }
            case 'e', 'E', 'f', 'F', 'g', 'G' -> {
                if (!PyNum.isNumber(value)) {
                    throw PyError.typeError("must be real number, not " + PyRepr.typeName(value));
                }
                double d = PyNum.toDouble(value);
                return formatFloat(d, new Spec(null, '>', flags.contains("+") ? '+' : flags.contains(" ") ? ' ' : 0,
                        flags.contains("#"), false, -1, (char) 0, precision < 0 ? 6 : precision, type));
            }
            case 'c' -> {
                String t = PyOps.text(value);
                if (t != null && t.codePointCount(0, t.length()) == 1) {
                    return t;
                }
                return new String(Character.toChars((int) PyArgs.integer(value, null)));
            }
            default -> throw PyError.valueError("unsupported format character '" + type + "' (0x"
                    + Integer.toHexString(type) + ") at index " + at);
        }
    }

    private static BigInteger percentInt(Object value, char type) {
        if (value instanceof Double d) {
            return new BigDecimal(d).toBigInteger();
        }
        if (PyNum.isInt(value)) {
            return PyNum.big(value);
        }
        throw PyError.typeError("%" + type + " format: a " + (type == 'd' || type == 'i' || type == 'u'
                ? "real number" : "integer") + " is required, not " + PyRepr.typeName(value));
    }
}
