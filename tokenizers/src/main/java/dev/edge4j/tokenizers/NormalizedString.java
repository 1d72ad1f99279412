package dev.edge4j.tokenizers;

import dev.edge4j.tokenizers.text.IntList;
import dev.edge4j.tokenizers.text.TextPattern;
import dev.edge4j.tokenizers.text.UnicodeForm;
import java.util.ArrayList;
import java.util.List;

/**
 * A piece of input text together with its normalized form and, for every UTF-16 unit of the
 * normalized form, the range of the original text it came from. This is HF's
 * {@code NormalizedString} with UTF-16 indices instead of UTF-8 byte indices: both always align
 * whole characters, so every offset HF computes has an exact counterpart here.
 *
 * <p>As long as nothing has changed the text, the alignment is the identity and no array is kept.
 */
public final class NormalizedString {
    private String normalized;
    /** Start and end in the original, relative to this piece, for each unit; null means identity. */
    private int[] align;
    private final int originalShift;
    private final int originalLength;

    private NormalizedString(String normalized, int[] align, int originalShift, int originalLength) {
        this.normalized = normalized;
        this.align = align;
        this.originalShift = originalShift;
        this.originalLength = originalLength;
    }

    /** A string not yet normalized: normalized and original are the same. */
    public static NormalizedString of(String text) {
        return new NormalizedString(text, null, 0, text.length());
    }

    /** The normalized text. */
    public String get() {
        return normalized;
    }

    public int length() {
        return normalized.length();
    }

    public boolean isEmpty() {
        return normalized.isEmpty();
    }

    /** Where this piece starts in the whole original input. */
    public int originalStart() {
        return originalShift;
    }

    /** Where this piece ends in the whole original input. */
    public int originalEnd() {
        return originalShift + originalLength;
    }

    /** Start in the original (relative to this piece) of the normalized unit {@code i}. */
    public int alignStart(int i) {
        if (align != null) {
            return align[2 * i];
        }
        return i > 0 && Character.isLowSurrogate(normalized.charAt(i))
                && Character.isHighSurrogate(normalized.charAt(i - 1)) ? i - 1 : i;
    }

    /** End in the original (relative to this piece) of the normalized unit {@code i}. */
    public int alignEnd(int i) {
        if (align != null) {
            return align[2 * i + 1];
        }
        char c = normalized.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < normalized.length()
                && Character.isLowSurrogate(normalized.charAt(i + 1))) {
            return i + 2;
        }
        return i + 1;
    }

    /**
     * The original range (relative to this piece) of the normalized range [start, end), as HF's
     * {@code convert_offsets} computes it; an empty range is returned unchanged. Writes start and
     * end into {@code out[0]}, {@code out[1]}; returns false when there is no such range.
     */
    public boolean originalRange(int start, int end, int[] out) {
        if (start == end) {
            out[0] = start;
            out[1] = end;
            return true;
        }
        if (start > end || end > normalized.length()) {
            return false;
        }
        out[0] = alignStart(start);
        out[1] = alignEnd(end - 1);
        return true;
    }

    // ---------------------------------------------------------------- slicing and splitting

    /** The sub-piece for the normalized range [start, end), as HF's {@code slice}. */
    public NormalizedString slice(int start, int end) {
        int oStart;
        int oEnd;
        if (start == end) {
            oStart = start;
            oEnd = end;
        } else {
            oStart = alignStart(start);
            oEnd = alignEnd(end - 1);
        }
        String text = normalized.substring(start, end);
        int[] a = null;
        if (align != null) {
            a = new int[2 * (end - start)];
            for (int i = 0, j = 2 * start; i < a.length; i++, j++) {
                a[i] = align[j] - oStart;
            }
        }
        return new NormalizedString(text, a, originalShift + oStart, oEnd - oStart);
    }

    /** Splits by a pattern with HF's delimiter behaviours; empty pieces are kept (callers drop them). */
    public List<NormalizedString> split(TextPattern pattern, SplitBehavior behavior) {
        IntList m = new IntList(32);
        pattern.findMatches(normalized, m);
        IntList pieces = behavior.apply(m);
        List<NormalizedString> result = new ArrayList<>(pieces.size() / 3);
        for (int i = 0; i < pieces.size(); i += 3) {
            if (pieces.get(i + 2) == 0) {
                result.add(slice(pieces.get(i), pieces.get(i + 1)));
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- per-character rewriting

    /** Rewrites each character into zero or more characters; every output keeps its source's alignment. */
    @FunctionalInterface
    public interface CharRewriter {
        /** Emits the replacement of {@code c} through {@code out}; emitting nothing removes it. */
        void rewrite(int c, Emitter out);
    }

    /** Where a {@link CharRewriter} writes. */
    @FunctionalInterface
    public interface Emitter {
        void emit(int c);
    }

    /** Applies a per-character rewrite (HF's filter, map, lowercase and friends all reduce to this). */
    public void rewrite(CharRewriter rewriter) {
        String s = normalized;
        int n = s.length();
        Builder b = new Builder(n + 8);
        int[] range = new int[2];
        Emitter emitter = c -> b.appendAligned(c, range[0], range[1]);
        boolean changed = false;
        int i = 0;
        while (i < n) {
            int c = s.codePointAt(i);
            int len = Character.charCount(c);
            range[0] = alignStart(i);
            range[1] = alignEnd(i + len - 1);
            int before = b.length();
            rewriter.rewrite(c, emitter);
            if (!changed && (b.length() - before != len || b.codePointAt(before) != c)) {
                changed = true;
            }
            i += len;
        }
        if (changed) {
            apply(b, b.identityFor(this));
        }
    }

    /** Keeps only the characters that satisfy the predicate. */
    public void filter(java.util.function.IntPredicate keep) {
        int n = normalized.length();
        int i = 0;
        while (i < n) {
            int c = normalized.codePointAt(i);
            if (!keep.test(c)) {
                rewrite((x, out) -> {
                    if (keep.test(x)) {
                        out.emit(x);
                    }
                });
                return;
            }
            i += Character.charCount(c);
        }
    }

    /** Maps every character to one character. */
    public void map(java.util.function.IntUnaryOperator f) {
        rewrite((c, out) -> out.emit(f.applyAsInt(c)));
    }

    /** Rust's {@code to_lowercase} on every character. */
    public void lowercase() {
        rewrite((c, out) -> {
            if (c == 0x130) {
                out.emit('i');
                out.emit(0x307);
            } else {
                out.emit(Character.toLowerCase(c));
            }
        });
    }

    // ---------------------------------------------------------------- general transformation

    /**
     * HF's {@code transform}: replaces the whole text by {@code chars}, each with its change count
     * (0 replaces the next original character, +1 inserts, -n also removes n more characters),
     * skipping {@code initialOffset} characters at the start.
     */
    public void transform(int[] chars, int[] changes, int count, int initialOffset) {
        Builder b = new Builder(normalized.length() + 8);
        Cursor cur = new Cursor(this, b, 0);
        cur.skipChars(initialOffset);
        for (int k = 0; k < count; k++) {
            cur.emit(chars[k], changes[k]);
        }
        apply(b, false);
    }

    /** Unicode normalization; stretches of characters the form leaves alone are copied without work. */
    public void normalize(UnicodeForm form) {
        String s = normalized;
        int n = s.length();
        int i = 0;
        while (i < n) {
            int c = s.codePointAt(i);
            if (!form.isInert(c)) {
                break;
            }
            i += Character.charCount(c);
        }
        if (i >= n) {
            return;
        }
        Builder b = new Builder(n + 16);
        Cursor cur = new Cursor(this, b, 0);
        int[] cps = new int[32];
        while (i < n) {
            // i starts a run of characters the form may change; the inert character before it may
            // still compose with the run, so it goes in too.
            int segStart = i > 0 ? i - Character.charCount(s.codePointBefore(i)) : 0;
            if (segStart < cur.position()) {
                segStart = cur.position();
            }
            cur.copyTo(segStart);
            int count = 0;
            int j = segStart;
            while (j < n) {
                int x = s.codePointAt(j);
                if (j >= i && form.isInert(x)) {
                    break;
                }
                if (count == cps.length) {
                    cps = java.util.Arrays.copyOf(cps, count * 2);
                }
                cps[count++] = x;
                j += Character.charCount(x);
            }
            form.apply(cps, 0, count, cur::emit);
            // Skip the following inert characters; they are copied when the next run starts.
            i = j;
            while (i < n) {
                int x = s.codePointAt(i);
                if (!form.isInert(x)) {
                    break;
                }
                i += Character.charCount(x);
            }
        }
        cur.copyTo(n);
        apply(b, b.identityFor(this));
    }

    // ---------------------------------------------------------------- replace, prepend, append, strip

    /** Replaces every match of the pattern by {@code content}; each inserted character aligns with the match's last unit. */
    public void replace(TextPattern pattern, String content) {
        IntList m = new IntList(32);
        pattern.findMatches(normalized, m);
        boolean any = false;
        for (int i = 2; i < m.size(); i += 3) {
            if (m.get(i) == 1) {
                any = true;
                break;
            }
        }
        if (!any) {
            return;
        }
        Builder b = new Builder(normalized.length() + 8);
        boolean sameShape = align == null;
        for (int i = 0; i < m.size(); i += 3) {
            int start = m.get(i);
            int end = m.get(i + 1);
            if (m.get(i + 2) == 0) {
                b.copy(this, start, end);
                continue;
            }
            int as;
            int ae;
            if (end >= 1) {
                as = alignStart(end - 1);
                ae = alignEnd(end - 1);
            } else {
                as = 0;
                ae = 0;
            }
            for (int k = 0; k < content.length(); ) {
                int c = content.codePointAt(k);
                b.appendAligned(c, as, ae);
                k += Character.charCount(c);
            }
            if (sameShape && !(end - start == content.length() && end - start == 1
                    && !Character.isSurrogate(content.charAt(0)))) {
                sameShape = false;
            }
        }
        apply(b, sameShape);
    }

    /** Puts {@code s} in front; the new characters align with the first character. Nothing happens to an empty string. */
    public void prepend(String s) {
        if (normalized.isEmpty()) {
            return;
        }
        int firstLen = Character.charCount(normalized.codePointAt(0));
        int as = alignStart(0);
        int ae = alignEnd(firstLen - 1);
        Builder b = new Builder(normalized.length() + s.length());
        if (s.isEmpty()) {
            // HF re-inserts the first character as new, which aligns it with nothing.
            as = 0;
            ae = 0;
        }
        for (int k = 0; k < s.length(); ) {
            int c = s.codePointAt(k);
            b.appendAligned(c, as, ae);
            k += Character.charCount(c);
        }
        b.appendAligned(normalized.codePointAt(0), as, ae);
        b.copy(this, firstLen, normalized.length());
        apply(b, false);
    }

    /** Appends {@code s}; the new characters align with the last character. */
    public void append(String s) {
        if (s.isEmpty()) {
            return;
        }
        int as = 0;
        int ae = 0;
        if (!normalized.isEmpty()) {
            int last = normalized.length() - 1;
            as = alignStart(last);
            ae = alignEnd(last);
        }
        Builder b = new Builder(normalized.length() + s.length());
        b.copy(this, 0, normalized.length());
        for (int k = 0; k < s.length(); ) {
            int c = s.codePointAt(k);
            b.appendAligned(c, as, ae);
            k += Character.charCount(c);
        }
        apply(b, false);
    }

    /** Removes leading and/or trailing whitespace (Unicode White_Space). */
    public void strip(boolean left, boolean right) {
        int n = normalized.length();
        int start = 0;
        int end = n;
        if (left) {
            while (start < n) {
                int c = normalized.codePointAt(start);
                if (!dev.edge4j.tokenizers.text.CharClass.isWhitespace(c)) {
                    break;
                }
                start += Character.charCount(c);
            }
        }
        if (right) {
            while (end > start) {
                int c = normalized.codePointBefore(end);
                if (!dev.edge4j.tokenizers.text.CharClass.isWhitespace(c)) {
                    break;
                }
                end -= Character.charCount(c);
            }
        }
        if (start == 0 && end == n) {
            return;
        }
        Builder b = new Builder(end - start);
        b.copy(this, start, end);
        apply(b, false);
    }

    /** Empties the normalized text. */
    public void clear() {
        Builder b = new Builder(0);
        apply(b, false);
    }

    private void apply(Builder b, boolean identity) {
        normalized = b.text();
        align = identity ? null : b.alignment();
    }

    // ---------------------------------------------------------------- helpers

    /** Accumulates normalized text and its alignment. */
    static final class Builder {
        private char[] chars;
        private int[] al;
        private int n;

        Builder(int capacity) {
            chars = new char[Math.max(capacity, 4)];
            al = new int[2 * chars.length];
        }

        int length() {
            return n;
        }

        void appendAligned(int c, int start, int end) {
            int len = Character.charCount(c);
            ensure(len);
            if (len == 1) {
                chars[n] = (char) c;
                al[2 * n] = start;
                al[2 * n + 1] = end;
                n++;
            } else {
                chars[n] = Character.highSurrogate(c);
                chars[n + 1] = Character.lowSurrogate(c);
                al[2 * n] = start;
                al[2 * n + 1] = end;
                al[2 * n + 2] = start;
                al[2 * n + 3] = end;
                n += 2;
            }
        }

        /** Copies units [from, to) of src with their alignment. */
        void copy(NormalizedString src, int from, int to) {
            int len = to - from;
            ensure(len);
            src.normalized.getChars(from, to, chars, n);
            if (src.align != null) {
                System.arraycopy(src.align, 2 * from, al, 2 * n, 2 * len);
            } else {
                for (int i = 0; i < len; i++) {
                    al[2 * (n + i)] = src.alignStart(from + i);
                    al[2 * (n + i) + 1] = src.alignEnd(from + i);
                }
            }
            n += len;
        }

        int codePointAt(int i) {
            if (i >= n) {
                return -1;
            }
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                return Character.toCodePoint(c, chars[i + 1]);
            }
            return c;
        }

        /** True when the output is unit-for-unit the source with identity alignment. */
        boolean identityFor(NormalizedString src) {
            if (src.align != null || n != src.normalized.length()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (al[2 * i] != src.alignStart(i) || al[2 * i + 1] != src.alignEnd(i)) {
                    return false;
                }
                // A surrogate pair must stay a pair for the implicit alignment to hold.
                if (Character.isSurrogate(chars[i]) != Character.isSurrogate(src.normalized.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private void ensure(int extra) {
            if (n + extra > chars.length) {
                int cap = Math.max(chars.length * 2, n + extra);
                chars = java.util.Arrays.copyOf(chars, cap);
                al = java.util.Arrays.copyOf(al, 2 * cap);
            }
        }

        String text() {
            return new String(chars, 0, n);
        }

        int[] alignment() {
            return java.util.Arrays.copyOf(al, 2 * n);
        }
    }

    /** Walks the source while a transformation emits characters with change counts (HF's transform_range). */
    static final class Cursor {
        private final NormalizedString src;
        private final Builder out;
        private int offset;

        Cursor(NormalizedString src, Builder out, int offset) {
            this.src = src;
            this.out = out;
            this.offset = offset;
        }

        int position() {
            return offset;
        }

        void skipChars(int count) {
            for (int i = 0; i < count && offset < src.normalized.length(); i++) {
                offset += Character.charCount(src.normalized.codePointAt(offset));
            }
        }

        /** Copies the source unchanged up to {@code to}. */
        void copyTo(int to) {
            if (to > offset) {
                out.copy(src, offset, to);
                offset = to;
            }
        }

        void emit(int c, int change) {
            int as;
            int ae;
            if (change > 0) {
                if (offset < 1) {
                    as = 0;
                    ae = 0;
                } else {
                    as = src.alignStart(offset - 1);
                    ae = src.alignEnd(offset - 1);
                }
            } else {
                as = src.alignStart(offset);
                ae = src.alignEnd(offset);
                offset += Character.charCount(src.normalized.codePointAt(offset));
                if (change < 0) {
                    skipChars(-change);
                }
            }
            out.appendAligned(c, as, ae);
        }
    }
}
