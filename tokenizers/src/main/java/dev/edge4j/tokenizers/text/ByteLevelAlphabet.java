package dev.edge4j.tokenizers.text;

import dev.edge4j.tokenizers.NormalizedString;

/**
 * GPT-2's byte alphabet: every byte value stands for one printable character, so byte-level BPE
 * vocabularies can be stored as text. Printable Latin-1 bytes map to themselves; the rest (space,
 * controls, ...) to U+0100 and up, in byte order.
 */
public final class ByteLevelAlphabet {
    private ByteLevelAlphabet() {}

    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[0x144];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        boolean[] printable = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            printable[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            printable[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            printable[b] = true;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            char c = printable[b] ? (char) b : (char) (256 + n++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    /** The character standing for a byte. */
    public static char charOf(int b) {
        return BYTE_TO_CHAR[b & 0xFF];
    }

    /** The byte a character stands for, or -1 if it is not in the alphabet. */
    public static int byteOf(int c) {
        return c >= 0 && c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
    }

    /** Replaces each character by the characters of its UTF-8 bytes, all aligned with it. */
    public static void rewrite(NormalizedString text) {
        text.rewrite((c, out) -> {
            if (c < 0x80) {
                out.emit(BYTE_TO_CHAR[c]);
            } else if (c < 0x800) {
                out.emit(BYTE_TO_CHAR[0xC0 | (c >> 6)]);
                out.emit(BYTE_TO_CHAR[0x80 | (c & 0x3F)]);
            } else if (c < 0x10000) {
                out.emit(BYTE_TO_CHAR[0xE0 | (c >> 12)]);
                out.emit(BYTE_TO_CHAR[0x80 | ((c >> 6) & 0x3F)]);
                out.emit(BYTE_TO_CHAR[0x80 | (c & 0x3F)]);
            } else {
                out.emit(BYTE_TO_CHAR[0xF0 | (c >> 18)]);
                out.emit(BYTE_TO_CHAR[0x80 | ((c >> 12) & 0x3F)]);
                out.emit(BYTE_TO_CHAR[0x80 | ((c >> 6) & 0x3F)]);
                out.emit(BYTE_TO_CHAR[0x80 | (c & 0x3F)]);
            }
        });
    }
}
