package dev.edge4j.jinja.syntax;

import dev.edge4j.jinja.TemplateSyntaxException;
import dev.edge4j.jinja.python.PyChars;
import dev.edge4j.jinja.syntax.Token.Kind;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits template source into tokens exactly as Jinja2's lexer does with {@code trim_blocks} and
 * {@code lstrip_blocks} on (the settings chat templates are rendered with): the first newline after
 * a block or comment tag is dropped, spaces and tabs before a block or comment tag that starts a
 * line are dropped, {@code -} strips all whitespace on its side and {@code +} keeps it.
 */
public final class Lexer {
    /** Python's {@code \s}, spelled out (Java's differs). */
    private static final String WS = "[\\t\\n\\x0b\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
    private static final Pattern RAW_BEGIN = Pattern.compile("\\{%([-+]?)" + WS + "*raw" + WS + "*(?:-%\\}" + WS + "*|%\\})");
    private static final Pattern RAW_END = Pattern.compile("\\{%([-+]?)" + WS + "*endraw" + WS + "*(?:\\+%\\}|-%\\}" + WS + "*|%\\}\\n?)");
    private static final Pattern BLOCK_END = Pattern.compile("\\+%\\}|-%\\}" + WS + "*|%\\}\\n?");
    private static final Pattern VARIABLE_END = Pattern.compile("-\\}\\}" + WS + "*|\\}\\}");
    private static final Pattern WHITESPACE = Pattern.compile(WS + "+");
    private static final Pattern FLOAT = Pattern.compile(
            "(?<!\\.)([0-9]+_)*[0-9]+((\\.([0-9]+_)*[0-9]+)?[eE][+\\-]?([0-9]+_)*[0-9]+|\\.([0-9]+_)*[0-9]+)");
    private static final Pattern INTEGER = Pattern.compile(
            "0[bB](_?[01])+|0[oO](_?[0-7])+|0[xX](_?[0-9a-fA-F])+|[1-9](_?[0-9])*|0(_?0)*");
    private static final String[] OPERATORS = {
        "//", "**", "==", "!=", ">=", "<=",
        "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";"
    };

    private final String src;
    private final int[] lineStarts;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private boolean lineStarting = true;

    private Lexer(String source) {
        this.src = normalizeNewlines(source);
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < src.length(); i++) {
            if (src.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Tokenizes a whole template; the last token is {@link Kind#EOF}. */
    public static List<Token> tokenize(String source) {
        Lexer lexer = new Lexer(source);
        lexer.run();
        return lexer.tokens;
    }

    /** {@code \r\n} and {@code \r} become {@code \n}; one trailing newline is dropped. */
    static String normalizeNewlines(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                b.append('\n');
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                b.append(c);
            }
        }
        if (b.length() > 0 && b.charAt(b.length() - 1) == '\n') {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    private int lineAt(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    private TemplateSyntaxException error(String message, int offset) {
        return new TemplateSyntaxException(message, lineAt(offset));
    }

    private void emit(Kind kind, String value, Object literal, int offset) {
        tokens.add(new Token(kind, value, literal, lineAt(offset)));
    }

    private void run() {
        while (pos < src.length()) {
            int tag = findTagStart(pos);
            if (tag < 0) {
                emit(Kind.DATA, src.substring(pos), null, pos);
                pos = src.length();
                break;
            }
            char type = src.charAt(tag + 1);
            Matcher raw = null;
            if (type == '%') {
                Matcher m = RAW_BEGIN.matcher(src).region(tag, src.length());
                if (m.lookingAt()) {
                    raw = m;
                }
            }
            int signAt = tag + 2;
            String sign = signAt < src.length() && (src.charAt(signAt) == '-' || src.charAt(signAt) == '+')
                    ? String.valueOf(src.charAt(signAt)) : "";
            String text = stripBefore(src.substring(pos, tag), sign, type != '{');
            if (!text.isEmpty()) {
                emit(Kind.DATA, text, null, pos);
            }
            if (raw != null) {
                pos = raw.end();
                lineStarting = src.charAt(pos - 1) == '\n';
                lexRaw();
                continue;
            }
            pos = tag + 2 + sign.length();
            lineStarting = false;
            switch (type) {
                case '#' -> lexComment();
                case '%' -> {
                    emit(Kind.BLOCK_BEGIN, "{%", null, tag);
                    lexTag(BLOCK_END, Kind.BLOCK_END);
                }
                default -> {
                    emit(Kind.VARIABLE_BEGIN, "{{", null, tag);
                    lexTag(VARIABLE_END, Kind.VARIABLE_END);
                }
            }
        }
        emit(Kind.EOF, "", null, src.length());
    }

    private int findTagStart(int from) {
        for (int i = src.indexOf('{', from); i >= 0 && i + 1 < src.length(); i = src.indexOf('{', i + 1)) {
            char c = src.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The whitespace control applied to the text before a tag: {@code -} strips all trailing
     * whitespace; otherwise lstrip_blocks drops spaces before a block or comment tag that is the
     * first thing on its line.
     */
    private String stripBefore(String text, String sign, boolean lstripApplies) {
        if (sign.equals("-")) {
            int end = text.length();
            while (end > 0) {
                int cp = text.codePointBefore(end);
                if (!PyChars.isSpace(cp)) {
                    break;
                }
                end -= Character.charCount(cp);
            }
            return text.substring(0, end);
        }
        if (!sign.equals("+") && lstripApplies) {
            int lpos = text.lastIndexOf('\n') + 1;
            if ((lpos > 0 || lineStarting) && lpos < text.length() && allSpace(text, lpos)) {
                return text.substring(0, lpos);
            }
        }
        return text;
    }

    private static boolean allSpace(String s, int from) {
        for (int i = from; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!PyChars.isSpace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private void lexComment() {
        int end = src.indexOf("#}", pos);
        if (end < 0) {
            throw error("Missing end of comment tag", pos);
        }
        int stop = end + 2;
        if (end > pos && src.charAt(end - 1) == '-') {
            stop = skipSpace(stop);
        } else if (!(end > pos && src.charAt(end - 1) == '+')) {
            if (stop < src.length() && src.charAt(stop) == '\n') {
                stop++;
            }
        }
        pos = stop;
        lineStarting = src.charAt(pos - 1) == '\n';
    }

    private int skipSpace(int i) {
        while (i < src.length()) {
            int cp = src.codePointAt(i);
            if (!PyChars.isSpace(cp)) {
                break;
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private void lexRaw() {
        Matcher m = RAW_END.matcher(src);
        for (int i = src.indexOf("{%", pos); i >= 0; i = src.indexOf("{%", i + 1)) {
            m.region(i, src.length());
            if (m.lookingAt()) {
                String text = stripBefore(src.substring(pos, i), m.group(1), true);
                if (!text.isEmpty()) {
                    emit(Kind.DATA, text, null, pos);
                }
                pos = m.end();
                lineStarting = src.charAt(pos - 1) == '\n';
                return;
            }
        }
        throw error("Missing end of raw directive", pos);
    }

    /** Tokens inside {@code {% %}} or {@code {{ }}} up to the end tag (once brackets balance). */
    private void lexTag(Pattern endTag, Kind endKind) {
        Deque<Character> balancing = new ArrayDeque<>();
        Matcher end = endTag.matcher(src);
        Matcher ws = WHITESPACE.matcher(src);
        Matcher flt = FLOAT.matcher(src);
        Matcher integer = INTEGER.matcher(src);
        while (pos < src.length()) {
            if (balancing.isEmpty() && end.region(pos, src.length()).lookingAt()) {
                emit(endKind, end.group(), null, pos);
                pos = end.end();
                lineStarting = src.charAt(pos - 1) == '\n';
                return;
            }
            if (ws.region(pos, src.length()).lookingAt()) {
                pos = ws.end();
                lineStarting = src.charAt(pos - 1) == '\n';
                continue;
            }
            lineStarting = false;
            if (flt.region(pos, src.length()).useTransparentBounds(true).lookingAt()) {
                String text = flt.group();
                emit(Kind.FLOAT, text, Double.parseDouble(text.replace("_", "")), pos);
                pos = flt.end();
            } else if (integer.region(pos, src.length()).lookingAt()) {
                String text = integer.group();
                emit(Kind.INTEGER, text, parseInt(text.replace("_", "")), pos);
                pos = integer.end();
            } else if (isNameChar(src.codePointAt(pos))) {
                lexName();
            } else if (src.charAt(pos) == '\'' || src.charAt(pos) == '"') {
                lexString();
            } else {
                lexOperator(balancing);
            }
        }
    }

    private static Object parseInt(String text) {
        String t = text.toLowerCase();
        BigInteger v;
        if (t.startsWith("0b")) {
            v = new BigInteger(t.substring(2), 2);
        } else if (t.startsWith("0o")) {
            v = new BigInteger(t.substring(2), 8);
        } else if (t.startsWith("0x")) {
            v = new BigInteger(t.substring(2), 16);
        } else {
            v = new BigInteger(t);
        }
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private static boolean isNameChar(int cp) {
        if (cp == '_' || Character.isLetterOrDigit(cp)) {
            return true;
        }
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.CONNECTOR_PUNCTUATION || t == Character.LETTER_NUMBER;
    }

    private void lexName() {
        int start = pos;
        while (pos < src.length() && isNameChar(src.codePointAt(pos))) {
            pos += Character.charCount(src.codePointAt(pos));
        }
        String name = src.substring(start, pos);
        int first = name.codePointAt(0);
        if (!(first == '_' || Character.isLetter(first) || Character.getType(first) == Character.LETTER_NUMBER)) {
            throw error("Invalid character in identifier", start);
        }
        emit(Kind.NAME, name, null, start);
    }

    private void lexString() {
        char quote = src.charAt(pos);
        int i = pos + 1;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                String body = src.substring(pos + 1, i);
                emit(Kind.STRING, src.substring(pos, i + 1), StringEscapes.decode(body, lineAt(pos)), pos);
                pos = i + 1;
                return;
            } else {
                i++;
            }
        }
        throw error("unexpected char " + reprChar(quote) + " at " + pos, pos);
    }

    private void lexOperator(Deque<Character> balancing) {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                switch (op) {
                    case "{" -> balancing.push('}');
                    case "(" -> balancing.push(')');
                    case "[" -> balancing.push(']');
                    case "}", ")", "]" -> {
                        if (balancing.isEmpty()) {
                            throw error("unexpected '" + op + "'", pos);
                        }
                        char expected = balancing.pop();
                        if (expected != op.charAt(0)) {
                            throw error("unexpected '" + op + "', expected '" + expected + "'", pos);
                        }
                    }
                    default -> { }
                }
                emit(Kind.OPERATOR, op, null, pos);
                pos += op.length();
                return;
            }
        }
        throw error("unexpected char " + reprChar(src.charAt(pos)) + " at " + pos, pos);
    }

    private static String reprChar(char c) {
        return c == '\'' ? "\"'\"" : "'" + c + "'";
    }
}
