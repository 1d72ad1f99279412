package dev.edge4j.jinja.value;

/**
 * markupsafe's Markup: a string marked safe by {@code |safe} or {@code |escape}. It prints as is,
 * but {@code +}, {@code %} and its string methods HTML-escape the plain strings they combine it
 * with, as in Python.
 */
public record Markup(String value) {
    public static String escape(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&#34;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
