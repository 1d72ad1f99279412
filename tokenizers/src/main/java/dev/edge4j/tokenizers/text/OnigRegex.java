package dev.edge4j.tokenizers.text;

import dev.edge4j.core.ModelFormatException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the Oniguruma-flavoured regular expressions of tokenizer.json files with
 * {@code java.util.regex}. The two dialects agree on most syntax but not on the meaning of several
 * escapes, so those are rewritten to explicit Unicode classes: {@code \s} is White_Space (Java:
 * ASCII only), {@code \d}, {@code \w} and {@code \b} are Unicode, {@code \h} is a hex digit, {@code \v}
 * the vertical tab. Java has no multi-character case folding: {@code (?i)ss} does not match ß. Case-insensitive groups fold Unicode case, {@code ^} and {@code $} match at line
 * breaks, and {@code .} stops only at {@code \n}, as in Oniguruma's default syntax.
 */
public final class OnigRegex {
    private OnigRegex() {}

    static final String SPACE_CLASS =
            "\\t\\n\\x0B\\f\\r\\x20\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
    /**
     * Oniguruma's Unicode word character: Alphabetic, Mark, Nd, Pc, plus the Latin-1 superscripts
     * and fractions, which its Latin-1 table counts as word characters too.
     */
    private static final String WORD_CLASS =
            "\\p{IsAlphabetic}\\p{M}\\p{Nd}\\p{Pc}\\x{B2}\\x{B3}\\x{B9}\\x{BC}-\\x{BE}";
    private static final String WORD = "[" + WORD_CLASS + "]";
    // Java's (?U)\b handles every character right except these: words for Oniguruma but not for
    // Java (PLUS), and the joiners, words for Java but not for Oniguruma (MINUS). All are in the BMP,
    // so lookbehind works on them (it does not on characters outside the BMP).
    private static final String PLUS = "[\\x{B2}\\x{B3}\\x{B9}\\x{BC}-\\x{BE}]";
    private static final String MINUS = "[\\x{200C}\\x{200D}]";
    private static final String EXCEPT = "[\\x{B2}\\x{B3}\\x{B9}\\x{BC}-\\x{BE}\\x{200C}\\x{200D}]";
    private static final String BOUNDARY = "(?:(?<!" + EXCEPT + ")(?!" + EXCEPT + ")(?U:\\b)|(?<=" + PLUS + ")(?!"
            + WORD + ")|(?<=" + MINUS + ")(?=" + WORD + ")|(?<!" + EXCEPT + ")(?=" + EXCEPT + ")(?U:\\B))";
    private static final String NOT_BOUNDARY = "(?:(?<!" + EXCEPT + ")(?!" + EXCEPT + ")(?U:\\B)|(?<=" + PLUS
            + ")(?=" + WORD + ")|(?<=" + MINUS + ")(?!" + WORD + ")|(?<!" + EXCEPT + ")(?=" + EXCEPT + ")(?U:\\b))";

    private static final Map<String, String> PROPERTY_NAMES = Map.ofEntries(
            Map.entry("letter", "L"), Map.entry("uppercase_letter", "Lu"), Map.entry("lowercase_letter", "Ll"),
            Map.entry("titlecase_letter", "Lt"), Map.entry("modifier_letter", "Lm"),
            Map.entry("other_letter", "Lo"), Map.entry("mark", "M"), Map.entry("combining_mark", "M"),
            Map.entry("nonspacing_mark", "Mn"), Map.entry("spacing_mark", "Mc"), Map.entry("enclosing_mark", "Me"),
            Map.entry("number", "N"), Map.entry("decimal_number", "Nd"), Map.entry("letter_number", "Nl"),
            Map.entry("other_number", "No"), Map.entry("punctuation", "P"), Map.entry("symbol", "S"),
            Map.entry("math_symbol", "Sm"), Map.entry("currency_symbol", "Sc"), Map.entry("other_symbol", "So"),
            Map.entry("separator", "Z"), Map.entry("space_separator", "Zs"), Map.entry("other", "C"),
            Map.entry("control", "Cc"), Map.entry("format", "Cf"), Map.entry("private_use", "Co"),
            Map.entry("unassigned", "Cn"), Map.entry("connector_punctuation", "Pc"),
            Map.entry("dash_punctuation", "Pd"), Map.entry("open_punctuation", "Ps"),
            Map.entry("close_punctuation", "Pe"), Map.entry("initial_punctuation", "Pi"),
            Map.entry("final_punctuation", "Pf"), Map.entry("other_punctuation", "Po"));

    /** Compiles an Oniguruma pattern; {@code where} names it in the error for a pattern Java cannot run. */
    public static Pattern compile(String onig, String where) {
        String java = translate(onig, where);
        try {
            return Pattern.compile(java, Pattern.MULTILINE | Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new ModelFormatException(where + ": unsupported regular expression " + quote(onig) + " ("
                    + e.getDescription() + ")");
        }
    }

    private static String quote(String s) {
        return "'" + s + "'";
    }

    /** Rewrites an Oniguruma pattern into Java syntax with the same meaning. */
    static String translate(String p, String where) {
        StringBuilder out = new StringBuilder(p.length() + 32);
        int depth = 0; // nesting of character classes
        int i = 0;
        int n = p.length();
        while (i < n) {
            char c = p.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = p.charAt(i + 1);
                boolean inClass = depth > 0;
                switch (e) {
                    case 's' -> out.append(inClass ? SPACE_CLASS : "[" + SPACE_CLASS + "]");
                    case 'S' -> out.append("[^" + SPACE_CLASS + "]");
                    case 'd' -> out.append("\\p{Nd}");
                    case 'D' -> out.append("\\P{Nd}");
                    case 'w' -> out.append(inClass ? WORD_CLASS : "[" + WORD_CLASS + "]");
                    case 'W' -> out.append("[^" + WORD_CLASS + "]");
                    case 'h' -> out.append(inClass ? "0-9a-fA-F" : "[0-9a-fA-F]");
                    case 'H' -> out.append("[^0-9a-fA-F]");
                    case 'v' -> out.append("\\x0B");
                    // Java's plain \b knows only ASCII word characters, and its lookbehind fails on
                    // characters outside the BMP; (?U)\b is Unicode and agrees with Oniguruma except on
                    // the Latin-1 superscripts and fractions, which are handled around it.
                    case 'b' -> out.append(inClass ? "\\x08" : BOUNDARY);
                    case 'B' -> out.append(NOT_BOUNDARY);
                    case 'x' -> {
                        if (i + 2 < n && p.charAt(i + 2) == '{' && p.indexOf('}', i) > 0) {
                            int close = p.indexOf('}', i);
                            out.append(p, i, close + 1);
                            i = close + 1;
                            continue;
                        }
                        out.append(c).append(e);
                    }
                    case 'K' -> throw new ModelFormatException(where + ": the regular expression " + quote(p)
                            + " uses \\K, which Java's regular expressions do not support");
                    case 'p', 'P' -> {
                        int close = p.indexOf('}', i);
                        if (i + 2 >= n || p.charAt(i + 2) != '{' || close < 0) {
                            out.append(c).append(e);
                            i += 2;
                            continue;
                        }
                        String name = p.substring(i + 3, close);
                        boolean negate = e == 'P';
                        if (name.startsWith("^")) {
                            negate = !negate;
                            name = name.substring(1);
                        }
                        out.append(property(name, negate, inClass, where, p));
                        i = close + 1;
                        continue;
                    }
                    default -> out.append(c).append(e);
                }
                i += 2;
                continue;
            }
            if (c == '[') {
                if (depth > 0 && p.startsWith("[:", i)) {
                    int close = p.indexOf(":]", i + 2);
                    if (close > 0) {
                        String name = p.substring(i + 2, close);
                        boolean negate = name.startsWith("^");
                        out.append(posix(negate ? name.substring(1) : name, negate, where, p));
                        i = close + 2;
                        continue;
                    }
                }
                depth++;
                out.append(c);
                i++;
                // A ']' right after '[' or '[^' is a literal in both dialects; Java wants it escaped.
                if (i < n && p.charAt(i) == '^') {
                    out.append('^');
                    i++;
                }
                if (i < n && p.charAt(i) == ']') {
                    out.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == ']' && depth > 0) {
                depth--;
            }
            if (c == '{' && depth == 0 && !isQuantifier(p, i)) {
                out.append("\\{"); // a literal brace: Oniguruma allows it bare, Java does not
                i++;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    /** True if p[i] starts a {n}, {n,}, {,m} or {n,m} quantifier. */
    private static boolean isQuantifier(String p, int i) {
        int close = p.indexOf('}', i);
        if (close < 0 || i == 0) {
            return false;
        }
        String body = p.substring(i + 1, close);
        return body.matches("\\d+(,\\d*)?|,\\d+");
    }

    private static String property(String name, boolean negate, boolean inClass, String where, String p) {
        String key = name.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
        String body;
        if (key.equals("space") || key.equals("white_space") || key.equals("whitespace")) {
            return negate ? "[^" + SPACE_CLASS + "]" : inClass ? SPACE_CLASS : "[" + SPACE_CLASS + "]";
        }
        if (key.equals("word")) {
            return negate ? "[^" + WORD_CLASS + "]" : inClass ? WORD_CLASS : "[" + WORD_CLASS + "]";
        }
        if (PROPERTY_NAMES.containsKey(key)) {
            body = PROPERTY_NAMES.get(key);
        } else if (name.length() <= 2 && Character.isUpperCase(name.charAt(0))) {
            body = name; // a general category: L, Lu, N, Nd, P, ...
        } else if (key.equals("alpha") || key.equals("alphabetic")) {
            body = "IsAlphabetic";
        } else if (key.equals("digit")) {
            body = "Nd";
        } else if (key.equals("upper") || key.equals("uppercase")) {
            body = "IsUppercase";
        } else if (key.equals("lower") || key.equals("lowercase")) {
            body = "IsLowercase";
        } else if (key.equals("punct")) {
            body = "P";
        } else if (key.equals("cntrl")) {
            body = "Cc";
        } else {
            body = "Is" + name.replace(' ', '_'); // a script or a binary property
        }
        String expr = (negate ? "\\P{" : "\\p{") + body + "}";
        try {
            Pattern.compile(expr);
        } catch (PatternSyntaxException e) {
            throw new ModelFormatException(where + ": the regular expression " + quote(p)
                    + " uses the unknown character property '" + name + "'");
        }
        return expr;
    }

    private static String posix(String name, boolean negate, String where, String p) {
        String set = switch (name) {
            case "alpha" -> "\\p{IsAlphabetic}";
            case "digit" -> "\\p{Nd}";
            case "alnum" -> "\\p{IsAlphabetic}\\p{Nd}";
            case "upper" -> "\\p{IsUppercase}";
            case "lower" -> "\\p{IsLowercase}";
            case "space" -> SPACE_CLASS;
            case "punct" -> "\\p{P}";
            case "cntrl" -> "\\p{Cc}";
            case "xdigit" -> "0-9a-fA-F";
            case "word" -> WORD_CLASS;
            case "blank" -> "\\t\\p{Zs}";
            default -> throw new ModelFormatException(where + ": the regular expression " + quote(p)
                    + " uses the unknown class [:" + name + ":]");
        };
        return negate ? "[^" + set + "]" : set;
    }
}
