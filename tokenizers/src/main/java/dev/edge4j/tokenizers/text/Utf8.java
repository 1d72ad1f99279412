package dev.edge4j.tokenizers.text;

import java.nio.charset.StandardCharsets;

/** UTF-8 lengths, byte-to-UTF-16 position maps, and Rust's lossy decoding. */
public final class Utf8 {
    private Utf8() {}

    /** Bytes of a code point in UTF-8. */
    public static int length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /** Bytes of a string in UTF-8 (a lone surrogate counts 3, as the replacement would). */
    public static int length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    public static byte[] encode(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Maps UTF-8 byte positions of a string to UTF-16 positions. */
    public interface Positions {
        /** The start of the character containing byte {@code b} (the string's length at its end). */
        int startUnit(int b);

        /** The end of the character containing byte {@code e - 1} (0 for 0). */
        int endUnit(int e);
    }

    private static final Positions IDENTITY = new Positions() {
        @Override
        public int startUnit(int b) {
            return b;
        }

        @Override
        public int endUnit(int e) {
            return e;
        }
    };

    public static Positions positions(String s) {
        int n = s.length();
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new Positions() {
                @Override
                public int startUnit(int b) {
                    return Math.min(b, n);
                }

                @Override
                public int endUnit(int e) {
                    return Math.min(e, n);
                }
            };
        }
        int total = length(s);
        int[] start = new int[total + 1];
        int[] end = new int[total + 1];
        int b = 0;
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            int units = Character.charCount(cp);
            int bl = length(cp);
            for (int k = 0; k < bl; k++) {
                start[b + k] = i;
                end[b + k] = i + units;
            }
            b += bl;
            i += units;
        }
        start[total] = n;
        return new Positions() {
            @Override
            public int startUnit(int x) {
                return x >= total ? n : start[x];
            }

            @Override
            public int endUnit(int e) {
                if (e <= 0) {
                    return 0;
                }
                return e > total ? n : end[e - 1];
            }
        };
    }

    /**
     * Decodes bytes like Rust's {@code String::from_utf8_lossy}: each maximal invalid sequence (the
     * longest prefix of a valid sequence, or one byte) becomes one U+FFFD.
     */
    public static String decodeLossy(byte[] b, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int x = b[i] & 0xFF;
            if (x < 0x80) {
                sb.append((char) x);
                i++;
                continue;
            }
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            int cp;
            if (x >= 0xC2 && x <= 0xDF) {
                need = 1;
                cp = x & 0x1F;
            } else if (x >= 0xE0 && x <= 0xEF) {
                need = 2;
                cp = x & 0x0F;
                if (x == 0xE0) {
                    lo = 0xA0;
                } else if (x == 0xED) {
                    hi = 0x9F;
                }
            } else if (x >= 0xF0 && x <= 0xF4) {
                need = 3;
                cp = x & 0x07;
                if (x == 0xF0) {
                    lo = 0x90;
                } else if (x == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                sb.append('\uFFFD');
                i++;
                continue;
            }
            int j = i + 1;
            boolean ok = true;
            for (int k = 0; k < need; k++, j++) {
                if (j >= to) {
                    ok = false;
                    break;
                }
                int y = b[j] & 0xFF;
                int l = k == 0 ? lo : 0x80;
                int h = k == 0 ? hi : 0xBF;
                if (y < l || y > h) {
                    ok = false;
                    break;
                }
                cp = (cp << 6) | (y & 0x3F);
            }
            if (ok) {
                sb.appendCodePoint(cp);
                i = j;
            } else {
                sb.append('\uFFFD');
                i = j; // skip the valid prefix that was consumed
            }
        }
        return sb.toString();
    }

    /** True if the bytes are valid UTF-8. */
    public static boolean isValid(byte[] b, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, from, to - from));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
