package dev.edge4j.tokenizers.text;

import java.text.Normalizer;
import java.util.BitSet;

/**
 * NFD, NFC, NFKD and NFKC exactly as HF tokenizers computes them, including which output character
 * is "new" and which replaces an input character: that bookkeeping decides the offsets of tokens.
 *
 * <p>The algorithm is the streaming decompose-then-recompose of Rust's {@code unicode-normalization}
 * crate (the alignment-tracking fork HF uses): decompose every character, stably sort each run of
 * marks by combining class, then recompose greedily. Each output character carries a change: 0 for
 * a character that replaces one input character, +1 for an inserted one, -n for one that also
 * swallows n following input characters.
 */
public enum UnicodeForm {
    NFD(false, false), NFC(false, true), NFKD(true, false), NFKC(true, true);

    private final boolean compatible;
    private final boolean composing;

    UnicodeForm(boolean compatible, boolean composing) {
        this.compatible = compatible;
        this.composing = composing;
    }

    /** Receives the normalized characters with their change counts, in order. */
    @FunctionalInterface
    public interface Sink {
        void accept(int codePoint, int change);
    }

    /**
     * True if {@code c} comes out of this form as itself with change 0 and nothing before it can
     * combine with it or anything after it: normalization can then be split at such characters.
     */
    public boolean isInert(int c) {
        if (c < 0xA0) {
            return true;
        }
        if (c < 0x10000) {
            byte v = inert[c];
            if (v == 0) {
                v = computeInert(c) ? (byte) 1 : (byte) 2;
                inert[c] = v;
            }
            return v == 1;
        }
        return computeInert(c);
    }

    private final byte[] inert = new byte[0x10000];

    private boolean computeInert(int c) {
        if (NormalizationData.combiningClass(c) != 0 || hasDecomposition(c)) {
            return false;
        }
        return !composing || !combinesBackward(c);
    }

    private boolean hasDecomposition(int c) {
        return NormalizationData.decomposition(c, compatible).length > 0;
    }

    /** Normalizes the code points {@code cps[from, to)}, sending each output character to {@code out}. */
    public void apply(int[] cps, int from, int to, Sink out) {
        if (!composing) {
            decompose(cps, from, to, out);
            return;
        }
        Recomposer r = new Recomposer(out);
        decompose(cps, from, to, r::accept);
        r.finish();
    }

    private void decompose(int[] cps, int from, int to, Sink out) {
        // Pending characters (class, code point, change); a starter sorts and releases what precedes it.
        int[] cls = new int[16];
        int[] chr = new int[16];
        int[] chg = new int[16];
        int n = 0;
        for (int i = from; i < to; i++) {
            int c = cps[i];
            int[] d = c >= 0xAC00 && c <= 0xD7A3 ? hangul(c) : NormalizationData.decomposition(c, compatible);
            int count = d.length == 0 ? 1 : d.length;
            for (int j = 0; j < count; j++) {
                int x = d.length == 0 ? c : d[j];
                int k = NormalizationData.combiningClass(x);
                if (k == 0) {
                    sortPending(cls, chr, chg, 0, n);
                    for (int e = 0; e < n; e++) {
                        out.accept(chr[e], chg[e]);
                    }
                    n = 0;
                }
                if (n == cls.length) {
                    cls = java.util.Arrays.copyOf(cls, n * 2);
                    chr = java.util.Arrays.copyOf(chr, n * 2);
                    chg = java.util.Arrays.copyOf(chg, n * 2);
                }
                cls[n] = k;
                chr[n] = x;
                chg[n] = j == 0 ? 0 : 1;
                n++;
            }
        }
        sortPending(cls, chr, chg, 0, n);
        for (int e = 0; e < n; e++) {
            out.accept(chr[e], chg[e]);
        }
    }

    /** Stable insertion sort of [from, to) by combining class (runs of marks are short). */
    private static void sortPending(int[] cls, int[] chr, int[] chg, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            int k = cls[i];
            int c = chr[i];
            int g = chg[i];
            int j = i - 1;
            while (j >= from && cls[j] > k) {
                cls[j + 1] = cls[j];
                chr[j + 1] = chr[j];
                chg[j + 1] = chg[j];
                j--;
            }
            cls[j + 1] = k;
            chr[j + 1] = c;
            chg[j + 1] = g;
        }
    }

    private static int[] hangul(int s) {
        int index = s - 0xAC00;
        int l = 0x1100 + index / 588;
        int v = 0x1161 + (index % 588) / 28;
        int t = 0x11A7 + index % 28;
        return t == 0x11A7 ? new int[] {l, v} : new int[] {l, v, t};
    }

    static int composeHangul(int a, int b) {
        if (a >= 0x1100 && a <= 0x1112 && b >= 0x1161 && b <= 0x1175) {
            return 0xAC00 + ((a - 0x1100) * 21 + (b - 0x1161)) * 28;
        }
        if (a >= 0xAC00 && a <= 0xD7A3 && (a - 0xAC00) % 28 == 0 && b > 0x11A7 && b <= 0x11C2) {
            return a + (b - 0x11A7);
        }
        return -1;
    }

    private static int compose(int a, int b) {
        int h = composeHangul(a, b);
        if (h >= 0) {
            return h;
        }
        if (a < 0x3C || b < 0x300) {
            return -1;
        }
        return NormalizationData.compose(a, b);
    }

    /** The recomposition state machine, fed by the decomposer. */
    private static final class Recomposer {
        private final Sink out;
        private boolean hasComposee;
        private int composee;
        private int composeeChange;
        private int lastClass = -1;
        private int[] bufChr = new int[8];
        private int[] bufChg = new int[8];
        private int buffered;

        Recomposer(Sink out) {
            this.out = out;
        }

        void accept(int ch, int change) {
            int chClass = NormalizationData.combiningClass(ch);
            if (!hasComposee) {
                if (chClass != 0) {
                    out.accept(ch, change);
                    return;
                }
                hasComposee = true;
                composee = ch;
                composeeChange = change;
                return;
            }
            if (lastClass < 0) {
                int r = compose(composee, ch);
                if (r >= 0) {
                    composee = r;
                    composeeChange = composeeChange + change - 1;
                    return;
                }
                if (chClass == 0) {
                    out.accept(composee, composeeChange);
                    composee = ch;
                    composeeChange = change;
                    return;
                }
                push(ch, change);
                lastClass = chClass;
                return;
            }
            if (lastClass >= chClass) {
                if (chClass == 0) {
                    out.accept(composee, composeeChange);
                    flush();
                    composee = ch;
                    composeeChange = change;
                    lastClass = -1;
                    return;
                }
                push(ch, change);
                lastClass = chClass;
                return;
            }
            int r = compose(composee, ch);
            if (r >= 0) {
                composee = r;
                composeeChange = composeeChange + change - 1;
                return;
            }
            push(ch, change);
            lastClass = chClass;
        }

        void finish() {
            if (hasComposee) {
                out.accept(composee, composeeChange);
            }
            flush();
        }

        private void push(int ch, int change) {
            if (buffered == bufChr.length) {
                bufChr = java.util.Arrays.copyOf(bufChr, buffered * 2);
                bufChg = java.util.Arrays.copyOf(bufChg, buffered * 2);
            }
            bufChr[buffered] = ch;
            bufChg[buffered] = change;
            buffered++;
        }

        private void flush() {
            for (int i = 0; i < buffered; i++) {
                out.accept(bufChr[i], bufChg[i]);
            }
            buffered = 0;
        }
    }

    // Starters that can be the second half of a composition (Hangul vowels and trailing consonants,
    // some Indic vowel signs); found once by scanning the decomposable characters.
    private static volatile BitSet backwardCombining;

    private static boolean combinesBackward(int c) {
        if ((c >= 0x1161 && c <= 0x1175) || (c >= 0x11A8 && c <= 0x11C2)) {
            return true;
        }
        BitSet set = backwardCombining;
        if (set == null) {
            set = scanBackwardCombining();
            backwardCombining = set;
        }
        return set.get(c);
    }

    private static BitSet scanBackwardCombining() {
        BitSet set = new BitSet();
        for (int c = 0xC0; c < 0x30000; c++) {
            if ((c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF)
                    || (c >= 0xD800 && c <= 0xF8FF) || (c >= 0x20000 && c <= 0x2F7FF)) {
                continue;
            }
            if (Character.getType(c) == Character.UNASSIGNED) {
                continue;
            }
            String s = Character.toString(c);
            if (Normalizer.isNormalized(s, Normalizer.Form.NFD)) {
                continue;
            }
            String d = Normalizer.normalize(s, Normalizer.Form.NFD);
            if (!Normalizer.normalize(d, Normalizer.Form.NFC).equals(s)) {
                continue; // not a primary composite
            }
            int last = d.codePointBefore(d.length());
            if (NormalizationData.combiningClass(last) == 0) {
                set.set(last);
            }
        }
        return set;
    }
}
