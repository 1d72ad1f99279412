package dev.edge4j.tokenizers.text;

/**
 * Hand-written matchers for the pre-tokenizer regexes of GPT-2, Llama 3 and Qwen 2 (the last two
 * also serve many later models). Each alternative is tried in order at every position exactly as
 * the backtracking regex would, without a regex engine; {@code GptSplitPatternTest} checks them
 * against the regular expressions on the whole test corpus.
 *
 * <p>Every character is covered by some match of these patterns, so the output is a run of
 * consecutive matches.
 */
public enum GptSplitPattern implements TextPattern {
    /** GPT-2's (and HF's ByteLevel pre-tokenizer's) pattern. */
    GPT2("'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+"),
    /** Llama 3's pattern: case-insensitive contractions, numbers in groups of up to three. */
    LLAMA3("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
    /** Qwen 2's pattern: as Llama 3's, but every digit on its own. */
    QWEN2("(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*"
            + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");

    private final String regex;

    GptSplitPattern(String regex) {
        this.regex = regex;
    }

    /** The regular expression this matcher implements, as written in tokenizer.json. */
    public String regex() {
        return regex;
    }

    /** The matcher for a regex, or null when it is not one of these. */
    public static GptSplitPattern forRegex(String regex) {
        for (GptSplitPattern p : values()) {
            if (p.regex.equals(regex)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public void findMatches(String text, IntList out) {
        int n = text.length();
        if (n == 0) {
            out.add(0, 0, 0);
            return;
        }
        int i = 0;
        while (i < n) {
            int end = switch (this) {
                case GPT2 -> matchGpt2(text, i, n);
                case LLAMA3 -> matchLlama3(text, i, n, 3);
                case QWEN2 -> matchLlama3(text, i, n, 1);
            };
            out.add(i, end, 1);
            i = end;
        }
    }

    private static final int OTHER = 0;
    private static final int LETTER = 1;
    private static final int NUMBER = 2;
    private static final int SPACE = 3;

    private static int kind(int c) {
        if (c < 0x80) {
            return ASCII_KIND[c];
        }
        if (CharClass.isLetter(c)) {
            return LETTER;
        }
        if (CharClass.isNumber(c)) {
            return NUMBER;
        }
        return CharClass.isWhitespace(c) ? SPACE : OTHER;
    }

    private static final byte[] ASCII_KIND = new byte[128];

    static {
        for (int c = 0; c < 128; c++) {
            ASCII_KIND[c] = (byte) (CharClass.isLetter(c) ? LETTER : CharClass.isNumber(c) ? NUMBER
                    : CharClass.isWhitespace(c) ? SPACE : OTHER);
        }
    }

    private static int cpAt(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? s.codePointAt(i) : c;
    }

    private static int len(int cp) {
        return cp >= 0x10000 ? 2 : 1;
    }

    /** End of the run of characters of {@code kind} starting at i. */
    private static int run(String s, int i, int n, int kind) {
        while (i < n) {
            int c = cpAt(s, i);
            if (kind(c) != kind) {
                break;
            }
            i += len(c);
        }
        return i;
    }

    private static int matchGpt2(String s, int i, int n) {
        int c = cpAt(s, i);
        if (c == '\'' && i + 1 < n) {
            char a = s.charAt(i + 1);
            if (a == 's' || a == 't' || a == 'm' || a == 'd') {
                return i + 2;
            }
            if (i + 2 < n) {
                char b = s.charAt(i + 2);
                if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                    return i + 3;
                }
            }
        }
        int k = kind(c);
        int from = i;
        if (c == ' ' && i + 1 < n) {
            int next = cpAt(s, i + 1);
            int nk = kind(next);
            if (nk != SPACE) {
                return run(s, i + 1, n, nk);
            }
        }
        if (k != SPACE) {
            return run(s, from, n, k);
        }
        return whitespace(s, i, n);
    }

    /** {@code \s+(?!\S)|\s+}: a whitespace run, leaving its last space to the next word if one follows. */
    private static int whitespace(String s, int i, int n) {
        int j = run(s, i, n, SPACE);
        if (j < n && j - i >= 2) {
            return j - 1;
        }
        return j;
    }

    private static boolean isCrLf(int c) {
        return c == '\r' || c == '\n';
    }

    private static int matchLlama3(String s, int i, int n, int maxDigits) {
        int c = cpAt(s, i);
        if (c == '\'' && i + 1 < n) {
            int a = lowerAscii(s.charAt(i + 1));
            if (a == 's' || a == 't' || a == 'm' || a == 'd') {
                return i + 2;
            }
            if (i + 2 < n) {
                int b = lowerAscii(s.charAt(i + 2));
                if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l')) {
                    return i + 3;
                }
            }
        }
        int k = kind(c);
        // [^\r\n\p{L}\p{N}]?\p{L}+
        if (k == LETTER) {
            return run(s, i, n, LETTER);
        }
        int cl = len(c);
        if (k != NUMBER && !isCrLf(c) && i + cl < n && kind(cpAt(s, i + cl)) == LETTER) {
            return run(s, i + cl, n, LETTER);
        }
        // \p{N}{1,maxDigits}
        if (k == NUMBER) {
            int j = i;
            for (int d = 0; d < maxDigits && j < n; d++) {
                int x = cpAt(s, j);
                if (kind(x) != NUMBER) {
                    break;
                }
                j += len(x);
            }
            return j;
        }
        //  ?[^\s\p{L}\p{N}]+[\r\n]*
        int from = -1;
        if (c == ' ' && i + 1 < n && kind(cpAt(s, i + 1)) == OTHER) {
            from = i + 1;
        } else if (k == OTHER) {
            from = i;
        }
        if (from >= 0) {
            int j = run(s, from, n, OTHER);
            while (j < n && isCrLf(s.charAt(j))) {
                j++;
            }
            return j;
        }
        // \s*[\r\n]+ : the whitespace run up to its last line break
        int j = run(s, i, n, SPACE);
        for (int x = j - 1; x >= i; x--) {
            if (isCrLf(s.charAt(x))) {
                return x + 1;
            }
        }
        // \s+(?!\S)|\s+
        if (j < n && j - i >= 2) {
            return j - 1;
        }
        return j;
    }

    /** Lowercase for the contraction letters; the long s (ſ) folds to s as in Unicode case folding. */
    private static int lowerAscii(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c + 32;
        }
        if (c == '\u017F') {
            return 's';
        }
        return c;
    }
}
