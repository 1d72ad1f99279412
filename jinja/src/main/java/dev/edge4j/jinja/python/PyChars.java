package dev.edge4j.jinja.python;

/** Python's character classes, which differ from Java's in the corners that templates reach. */
public final class PyChars {
    private PyChars() {}

    /** {@code str.isspace()} for one code point (also what {@code \s} matches in Python's re). */
    public static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0
                || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029
                || c == 0x202f || c == 0x205f || c == 0x3000;
    }

    /** Line boundaries of {@code str.splitlines()}. */
    public static boolean isLineBreak(int c) {
        return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || (c >= 0x1c && c <= 0x1e)
                || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** {@code str.isprintable()} for one code point. */
    public static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** Characters of Python's {@code \w} (str patterns): alphanumerics and underscore. */
    public static boolean isWord(int c) {
        return c == '_' || isAlnum(c);
    }

    /** {@code str.isalnum()} for one code point. */
    public static boolean isAlnum(int c) {
        return isAlpha(c) || isNumeric(c);
    }

    /** {@code str.isalpha()}: the Unicode letter categories. */
    public static boolean isAlpha(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER -> true;
            default -> false;
        };
    }

    /** {@code str.isdecimal()}. */
    public static boolean isDecimal(int c) {
        return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** {@code str.isdigit()}: decimals plus digit-like numbers such as superscripts. */
    public static boolean isDigit(int c) {
        return isDecimal(c) || (Character.getType(c) == Character.OTHER_NUMBER && Character.digit(c, 10) >= 0)
                || (c >= 0x00b2 && c <= 0x00b3) || c == 0x00b9 || (c >= 0x2070 && c <= 0x2079)
                || (c >= 0x2080 && c <= 0x2089) || (c >= 0x2460 && c <= 0x2468);
    }

    /** {@code str.isnumeric()}. */
    public static boolean isNumeric(int c) {
        return switch (Character.getType(c)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> isCjkNumeric(c);
        };
    }

    private static boolean isCjkNumeric(int c) {
        return c == 0x3007 || c == 0x4e00 || c == 0x4e8c || c == 0x4e09 || c == 0x56db || c == 0x4e94
                || c == 0x516d || c == 0x4e03 || c == 0x516b || c == 0x4e5d || c == 0x5341
                || c == 0x767e || c == 0x5343 || c == 0x4e07 || c == 0x5104 || c == 0x96f6;
    }

    /** Cased characters as Python's title/istitle see them. */
    public static boolean isCased(int c) {
        return Character.isUpperCase(c) || Character.isLowerCase(c) || Character.isTitleCase(c);
    }
}
