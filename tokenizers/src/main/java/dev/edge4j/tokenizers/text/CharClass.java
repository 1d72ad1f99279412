package dev.edge4j.tokenizers.text;

/**
 * Character predicates with the exact definitions HF tokenizers uses (Rust's {@code char} methods,
 * the {@code unicode_categories} crate, Oniguruma's {@code \s}, {@code \p{L}}, {@code \p{N}}). Java's own
 * {@link Character#isWhitespace} and friends differ from these in places, so nothing here calls them.
 *
 * <p>The hot ones are answered from a table over the Basic Multilingual Plane.
 */
public final class CharClass {
    private CharClass() {}

    private static final int LETTER = 1;
    private static final int NUMBER = 2;
    private static final int SPACE = 4;
    private static final byte[] BMP = new byte[0x10000];

    static {
        for (int c = 0; c < 0x10000; c++) {
            int bits = 0;
            if (isLetterSlow(c)) {
                bits |= LETTER;
            }
            if (isNumberSlow(c)) {
                bits |= NUMBER;
            }
            if (isWhiteSpaceSlow(c)) {
                bits |= SPACE;
            }
            BMP[c] = (byte) bits;
        }
    }

    /** Unicode White_Space: Rust's {@code char::is_whitespace}, Oniguruma's and Rust regex's {@code \s}. */
    public static boolean isWhitespace(int c) {
        return c < 0x10000 && (BMP[c] & SPACE) != 0;
    }

    /** General category L (Lu, Ll, Lt, Lm, Lo): {@code \p{L}}. */
    public static boolean isLetter(int c) {
        return c < 0x10000 ? (BMP[c] & LETTER) != 0 : isLetterSlow(c);
    }

    /** General category N (Nd, Nl, No): {@code \p{N}} and Rust's {@code char::is_numeric}. */
    public static boolean isNumber(int c) {
        return c < 0x10000 ? (BMP[c] & NUMBER) != 0 : isNumberSlow(c);
    }

    /** Rust regex's (and Oniguruma's) Unicode {@code \w}: Alphabetic, marks, Nd, Pc, Join_Control. */
    public static boolean isWordChar(int c) {
        if (Character.isAlphabetic(c)) {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK
                || t == Character.COMBINING_SPACING_MARK || t == Character.DECIMAL_DIGIT_NUMBER
                || t == Character.CONNECTOR_PUNCTUATION || c == 0x200C || c == 0x200D;
    }

    /** General category P (any punctuation): the {@code unicode_categories} crate's {@code is_punctuation}. */
    public static boolean isPunctuation(int c) {
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                 Character.FINAL_QUOTE_PUNCTUATION, Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /** ASCII punctuation or any Unicode punctuation: what BERT splits on. */
    public static boolean isBertPunctuation(int c) {
        return isAsciiPunctuation(c) || isPunctuation(c);
    }

    /** Rust's {@code char::is_ascii_punctuation}. */
    public static boolean isAsciiPunctuation(int c) {
        return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
    }

    /** Cc, Cf or Co: the {@code unicode_categories} crate's {@code is_other}. */
    public static boolean isOther(int c) {
        int t = Character.getType(c);
        return t == Character.CONTROL || t == Character.FORMAT || t == Character.PRIVATE_USE;
    }

    /** General category Mn. */
    public static boolean isMarkNonspacing(int c) {
        return Character.getType(c) == Character.NON_SPACING_MARK;
    }

    /** General category M (Mn, Mc, Me). */
    public static boolean isMark(int c) {
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
                || t == Character.ENCLOSING_MARK;
    }

    private static boolean isLetterSlow(int c) {
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> true;
            default -> false;
        };
    }

    private static boolean isNumberSlow(int c) {
        return switch (Character.getType(c)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    private static boolean isWhiteSpaceSlow(int c) {
        return (c >= 0x9 && c <= 0xD) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F
                || c == 0x205F || c == 0x3000;
    }
}
