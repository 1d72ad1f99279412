package dev.edge4j.tokenizers.processors;

import dev.edge4j.tokenizers.Encoding;
import dev.edge4j.tokenizers.text.CharClass;
import java.util.List;

/** GPT-2's post-processing: optionally trims the offsets of tokens that start or end with spaces. */
public record ByteLevelProcessor(boolean addPrefixSpace, boolean trimOffsets) implements PostProcessor {
    private static final char SPACE = '\u0120';

    @Override
    public int addedTokens(boolean pair) {
        return 0;
    }

    @Override
    public List<Encoding> processEncodings(List<Encoding> encodings, boolean addSpecialTokens) {
        if (trimOffsets) {
            for (Encoding e : encodings) {
                trim(e, addPrefixSpace);
                for (Encoding o : e.overflowing()) {
                    trim(o, addPrefixSpace);
                }
            }
        }
        for (int i = 0; i < encodings.size(); i++) {
            encodings.get(i).setSequenceId(i);
        }
        return encodings;
    }

    /** Moves offsets past leading and trailing spaces of each token (HF's {@code process_offsets}). */
    static void trim(Encoding e, boolean addPrefixSpace) {
        String text = e.sourceText();
        String[] tokens = e.tokens();
        int[] offsets = e.offsets();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            int leading = 0;
            int k = 0;
            while (k < t.length()) {
                int c = t.codePointAt(k);
                if (c != SPACE && !CharClass.isWhitespace(c)) {
                    break;
                }
                leading++;
                k += Character.charCount(c);
            }
            int trailing = 0;
            k = t.length();
            while (k > 0) {
                int c = t.codePointBefore(k);
                if (c != SPACE && !CharClass.isWhitespace(c)) {
                    break;
                }
                trailing++;
                k -= Character.charCount(c);
            }
            if (leading == 0 && trailing == 0) {
                continue;
            }
            int start = offsets[2 * i];
            int end = offsets[2 * i + 1];
            if (leading > 0) {
                boolean first = i == 0 || start == 0;
                if (first && addPrefixSpace && leading == 1) {
                    leading = 0;
                }
                start = Math.min(forward(text, start, leading), end);
            }
            if (trailing > 0 && (text == null ? end : text.codePointCount(0, Math.min(end, text.length()))) >= trailing) {
                end = Math.max(backward(text, end, trailing), start);
            }
            offsets[2 * i] = start;
            offsets[2 * i + 1] = end;
        }
    }

    /** Moves {@code count} characters (code points, as HF counts) forward from {@code at}. */
    private static int forward(String text, int at, int count) {
        if (text == null) {
            return at + count;
        }
        for (int k = 0; k < count; k++) {
            at += at < text.length() ? Character.charCount(text.codePointAt(at)) : 1;
        }
        return at;
    }

    private static int backward(String text, int at, int count) {
        if (text == null) {
            return at - count;
        }
        for (int k = 0; k < count; k++) {
            at -= at > 0 && at <= text.length() ? Character.charCount(text.codePointBefore(at)) : 1;
        }
        return at;
    }
}
