package dev.edge4j.jinja.syntax;

import dev.edge4j.jinja.TemplateSyntaxException;

/**
 * Decodes the body of a template string literal as Jinja2 does: non-ASCII characters are first
 * written as backslash escapes, then Python's {@code unicode_escape} codec decodes the result
 * (so {@code \n}, {@code \u00e9}, octal escapes and unknown escapes behave as in Python).
 */
final class StringEscapes {
    private StringEscapes() {}

    static String decode(String body, int line) {
        String ascii = backslashReplace(body);
        StringBuilder out = new StringBuilder(ascii.length());
        int i = 0;
        while (i < ascii.length()) {
            char c = ascii.charAt(i);
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= ascii.length()) {
                throw new TemplateSyntaxException("\\ at end of string", line);
            }
            char e = ascii.charAt(i + 1);
            i += 2;
            switch (e) {
                case '\n' -> { }
                case '\\' -> out.append('\\');
                case '\'' -> out.append('\'');
                case '"' -> out.append('"');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'v' -> out.append('\u000b');
                case 'a' -> out.append('\u0007');
                case 'x' -> i = hex(ascii, i, 2, out, "truncated \\xXX escape", line);
                case 'u' -> i = hex(ascii, i, 4, out, "truncated \\uXXXX escape", line);
                case 'U' -> i = hex(ascii, i, 8, out, "truncated \\UXXXXXXXX escape", line);
                case 'N' -> i = named(ascii, i, out, line);
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int n = 1;
                        while (n < 3 && i < ascii.length() && ascii.charAt(i) >= '0' && ascii.charAt(i) <= '7') {
                            v = v * 8 + ascii.charAt(i) - '0';
                            i++;
                            n++;
                        }
                        out.appendCodePoint(v);
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static String backslashReplace(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = Character.charCount(cp);
            if (cp >= 0x80) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                if (cp < 0x100) {
                    b.append(String.format("\\x%02x", cp));
                } else if (cp < 0x10000) {
                    b.append(String.format("\\u%04x", cp));
                } else {
                    b.append(String.format("\\U%08x", cp));
                }
            } else if (b != null) {
                b.append((char) cp);
            }
            i += n;
        }
        return b == null ? s : b.toString();
    }

    private static int hex(String s, int i, int digits, StringBuilder out, String error, int line) {
        if (i + digits > s.length()) {
            throw new TemplateSyntaxException(error, line);
        }
        int v = 0;
        for (int k = 0; k < digits; k++) {
            int d = Character.digit(s.charAt(i + k), 16);
            if (d < 0) {
                throw new TemplateSyntaxException(error, line);
            }
            v = v * 16 + d;
        }
        if (v < 0 || v > Character.MAX_CODE_POINT) {
            throw new TemplateSyntaxException("illegal Unicode character", line);
        }
        out.appendCodePoint(v);
        return i + digits;
    }

    private static int named(String s, int i, StringBuilder out, int line) {
        int close = s.indexOf('}', i);
        if (i >= s.length() || s.charAt(i) != '{' || close < 0) {
            throw new TemplateSyntaxException("malformed \\N character escape", line);
        }
        try {
            out.appendCodePoint(Character.codePointOf(s.substring(i + 1, close)));
        } catch (IllegalArgumentException e) {
            throw new TemplateSyntaxException("unknown Unicode character name", line);
        }
        return close + 1;
    }
}
