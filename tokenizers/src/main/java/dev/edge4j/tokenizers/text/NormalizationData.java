package dev.edge4j.tokenizers.text;

import java.text.Normalizer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Unicode normalization data HF's normalizers need, read out of the JDK's own {@link Normalizer}:
 * canonical combining classes, full decompositions and pairwise compositions. Java exposes none of
 * these directly, so they are probed once per code point and cached.
 *
 * <p>The combining class of a mark is found by comparing it with one reference mark of every class:
 * NFD reorders two adjacent marks exactly when the first has the higher non-zero class.
 */
final class NormalizationData {
    private NormalizationData() {}

    /** One fully decomposed mark for each canonical combining class in use, ascending. */
    private static final int[][] REFERENCE_MARKS = {
        {1, 0x334}, {6, 0x16FF0}, {7, 0x93C}, {8, 0x3099}, {9, 0x94D}, {10, 0x5B0}, {11, 0x5B1},
        {12, 0x5B2}, {13, 0x5B3}, {14, 0x5B4}, {15, 0x5B5}, {16, 0x5B6}, {17, 0x5B7}, {18, 0x5B8},
        {19, 0x5B9}, {20, 0x5BB}, {21, 0x5BC}, {22, 0x5BD}, {23, 0x5BF}, {24, 0x5C1}, {25, 0x5C2},
        {26, 0xFB1E}, {27, 0x64B}, {28, 0x64C}, {29, 0x64D}, {30, 0x618}, {31, 0x619}, {32, 0x61A},
        {33, 0x651}, {34, 0x652}, {35, 0x670}, {36, 0x711}, {84, 0xC55}, {91, 0xC56}, {103, 0xE38},
        {107, 0xE48}, {118, 0xEB8}, {122, 0xEC8}, {129, 0xF71}, {130, 0xF72}, {132, 0xF74},
        {202, 0x321}, {214, 0x1DCE}, {216, 0x31B}, {218, 0x1DFA}, {220, 0x316}, {222, 0x59A},
        {224, 0x302E}, {226, 0x1D16D}, {228, 0x5AE}, {230, 0x300}, {232, 0x315}, {233, 0x35C},
        {234, 0x35D}, {240, 0x345}};

    private static final int UNKNOWN = -1;
    private static final short[] BMP_CCC = new short[0x10000];
    private static final ConcurrentHashMap<Integer, Integer> SUPPLEMENTARY_CCC = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Long, Integer> COMPOSITIONS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, int[]> CANONICAL = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<Integer, int[]> COMPATIBLE = new ConcurrentHashMap<>();
    private static final int[] NONE = new int[0];

    static {
        java.util.Arrays.fill(BMP_CCC, (short) UNKNOWN);
    }

    /** The canonical combining class of a code point (0 for starters). */
    static int combiningClass(int c) {
        if (c < 0x300) {
            return 0;
        }
        if (c < 0x10000) {
            int v = BMP_CCC[c];
            if (v == UNKNOWN) {
                v = probeCombiningClass(c);
                BMP_CCC[c] = (short) v;
            }
            return v;
        }
        return SUPPLEMENTARY_CCC.computeIfAbsent(c, NormalizationData::probeCombiningClass);
    }

    private static int probeCombiningClass(int c) {
        if (!CharClass.isMark(c)) {
            return 0; // every character with a non-zero class is a mark
        }
        String self = Character.toString(c);
        if (!Normalizer.normalize(self, Normalizer.Form.NFD).equals(self)) {
            return 0; // only fully decomposed characters are ever asked about
        }
        // The first reference mark with a higher class than c is moved after c by NFD.
        int lo = 0;
        int hi = REFERENCE_MARKS.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (reorders(REFERENCE_MARKS[mid][1], c)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        if (lo == REFERENCE_MARKS.length) {
            // No class is higher: c is either a starter or of the highest class, which sorts after class 1.
            return reorders(c, REFERENCE_MARKS[0][1]) ? REFERENCE_MARKS[lo - 1][0] : 0;
        }
        // Every class in use has a reference mark, so c shares the class of the last one not moved.
        return lo == 0 ? 0 : REFERENCE_MARKS[lo - 1][0];
    }

    /** True when NFD swaps {@code first} and {@code second} placed after a base letter. */
    private static boolean reorders(int first, int second) {
        if (first == second) {
            return false;
        }
        String s = "a" + Character.toString(first) + Character.toString(second);
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        return d.equals("a" + Character.toString(second) + Character.toString(first));
    }

    /** The full canonical (or compatibility) decomposition of c, or an empty array if it has none. */
    static int[] decomposition(int c, boolean compatible) {
        if (c < 0xA0) {
            return NONE;
        }
        ConcurrentHashMap<Integer, int[]> cache = compatible ? COMPATIBLE : CANONICAL;
        int[] d = cache.get(c);
        if (d == null) {
            String self = Character.toString(c);
            String n = Normalizer.normalize(self, compatible ? Normalizer.Form.NFKD : Normalizer.Form.NFD);
            d = n.equals(self) ? NONE : n.codePoints().toArray();
            cache.put(c, d);
        }
        return d;
    }

    /** The primary composite of {@code first} followed by {@code second}, or -1. */
    static int compose(int first, int second) {
        long key = ((long) first << 32) | (second & 0xFFFFFFFFL);
        Integer r = COMPOSITIONS.get(key);
        if (r == null) {
            r = probeComposition(first, second);
            COMPOSITIONS.put(key, r);
        }
        return r;
    }

    private static int probeComposition(int first, int second) {
        String pair = Character.toString(first) + Character.toString(second);
        String c = Normalizer.normalize(pair, Normalizer.Form.NFC);
        if (c.codePointCount(0, c.length()) != 1) {
            return -1;
        }
        int composite = c.codePointAt(0);
        // Accept only a composite made of exactly `first` then `second`, not one found by reordering.
        String expected = Normalizer.normalize(Character.toString(first), Normalizer.Form.NFD)
                + Character.toString(second);
        String actual = Normalizer.normalize(c, Normalizer.Form.NFD);
        return actual.equals(expected) ? composite : -1;
    }
}
