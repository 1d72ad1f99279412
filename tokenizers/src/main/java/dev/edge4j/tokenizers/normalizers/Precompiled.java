package dev.edge4j.tokenizers.normalizers;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.tokenizers.NormalizedString;
import dev.edge4j.tokenizers.text.IntList;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.Base64;

/**
 * SentencePiece's compiled normalization rules ({@code precompiled_charsmap}): a double-array trie
 * over UTF-8 that maps a grapheme, or failing that a character, to its replacement. Applied as HF
 * applies it: graphemes shorter than six bytes are looked up whole first.
 */
public final class Precompiled implements Normalizer {
    private final int[] array;
    private final byte[] normalized;

    /** Parses the binary charsmap: u32 trie size in bytes, the trie units, then NUL-terminated replacements. */
    public Precompiled(byte[] charsmap, String where) {
        if (charsmap.length < 4) {
            throw new ModelFormatException(where + ": the precompiled charsmap is truncated");
        }
        ByteBuffer buf = ByteBuffer.wrap(charsmap).order(ByteOrder.LITTLE_ENDIAN);
        long trieBytes = buf.getInt() & 0xFFFFFFFFL;
        if (trieBytes > charsmap.length - 4L || trieBytes % 4 != 0) {
            throw new ModelFormatException(where + ": the precompiled charsmap's trie size " + trieBytes
                    + " does not fit its " + charsmap.length + " bytes");
        }
        array = new int[(int) (trieBytes / 4)];
        for (int i = 0; i < array.length; i++) {
            array[i] = buf.getInt();
        }
        normalized = new byte[buf.remaining()];
        buf.get(normalized);
        if (array.length == 0) {
            throw new ModelFormatException(where + ": the precompiled charsmap has an empty trie");
        }
    }

    public static Precompiled fromBase64(String base64, String where) {
        try {
            return new Precompiled(Base64.getDecoder().decode(base64), where);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(where + ": the precompiled charsmap is not valid base64");
        }
    }

    private static boolean hasLeaf(int unit) {
        return ((unit >>> 8) & 1) == 1;
    }

    private static int value(int unit) {
        return unit & 0x7FFFFFFF;
    }

    private static int label(int unit) {
        return unit & (0x80000000 | 0xFF);
    }

    private static int offset(int unit) {
        return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
    }

    /** The replacement for a chunk: the shortest rule matching a prefix of it, or null. */
    String transform(String chunk) {
        byte[] key = chunk.getBytes(StandardCharsets.UTF_8);
        int nodePos = 0;
        int unit = array[nodePos];
        nodePos ^= offset(unit);
        for (byte kb : key) {
            int c = kb & 0xFF;
            if (c == 0) {
                break;
            }
            nodePos ^= c;
            if (nodePos < 0 || nodePos >= array.length) {
                return null;
            }
            unit = array[nodePos];
            if (label(unit) != c) {
                return null;
            }
            nodePos ^= offset(unit);
            if (hasLeaf(unit)) {
                if (nodePos < 0 || nodePos >= array.length) {
                    return null;
                }
                int index = value(array[nodePos]);
                int end = index;
                while (end < normalized.length && normalized[end] != 0) {
                    end++;
                }
                if (index > normalized.length) {
                    return null;
                }
                return new String(normalized, index, end - index, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public void normalize(NormalizedString text) {
        String s = text.get();
        IntList chars = new IntList(s.length() + 8);
        IntList changes = new IntList(s.length() + 8);
        boolean modified = false;
        BreakIterator graphemes = BreakIterator.getCharacterInstance(java.util.Locale.ROOT);
        graphemes.setText(s);
        int start = graphemes.first();
        for (int end = graphemes.next(); end != BreakIterator.DONE; start = end, end = graphemes.next()) {
            String grapheme = s.substring(start, end);
            if (dev.edge4j.tokenizers.text.Utf8.length(grapheme) < 6) {
                String norm = transform(grapheme);
                if (norm != null) {
                    modified = true;
                    replace(chars, changes, grapheme, norm);
                    continue;
                }
            }
            for (int i = 0; i < grapheme.length(); ) {
                int c = grapheme.codePointAt(i);
                String part = Character.toString(c);
                String norm = transform(part);
                if (norm != null) {
                    modified = true;
                    replace(chars, changes, part, norm);
                } else {
                    chars.add(c);
                    changes.add(0);
                }
                i += Character.charCount(c);
            }
        }
        if (modified) {
            text.transform(chars.toArray(), changes.toArray(), chars.size(), 0);
        }
    }

    /** HF's helper: the new characters replace the old ones; extra ones are inserts, missing ones removals. */
    private static void replace(IntList chars, IntList changes, String oldPart, String newPart) {
        int oldCount = oldPart.codePointCount(0, oldPart.length());
        int newCount = newPart.codePointCount(0, newPart.length());
        int diff = newCount - oldCount;
        int first = changes.size();
        newPart.codePoints().forEach(c -> {
            chars.add(c);
            changes.add(0);
        });
        if (diff > 0) {
            for (int i = changes.size() - 1, k = 0; k < diff && i >= 0; i--, k++) {
                changes.set(i, 1);
            }
        } else if (diff < 0 && changes.size() > 0) {
            changes.set(changes.size() - 1, changes.get(changes.size() - 1) + diff);
        }
    }
}
