package dev.edge4j.tokenizers.corpus;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the translated strings out of a GNU gettext catalog (.mo): real text in many languages. */
final class MoFile {
    private MoFile() {}

    /** The translations (msgstr) of the catalog, plural forms split apart; empty if it is not a UTF-8 .mo file. */
    static List<String> translations(Path file) throws IOException {
        return strings(file, true);
    }

    /** The original (English) messages (msgid). */
    static List<String> originals(Path file) throws IOException {
        return strings(file, false);
    }

    private static List<String> strings(Path file, boolean translated) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<String> out = new ArrayList<>();
        if (data.length < 28) {
            return out;
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        if (magic == 0xde120495) {
            b.order(ByteOrder.BIG_ENDIAN);
        } else if (magic != 0x950412de) {
            return out;
        }
        int n = b.getInt(8);
        int originals = b.getInt(12);
        int translations = b.getInt(16);
        int table = translated ? translations : originals;
        for (int i = 0; i < n; i++) {
            int len = b.getInt(table + 8 * i);
            int off = b.getInt(table + 8 * i + 4);
            if (off < 0 || len < 0 || (long) off + len > data.length) {
                return new ArrayList<>();
            }
            String s = new String(data, off, len, StandardCharsets.UTF_8);
            if (i == 0 && s.contains("Content-Type:")) {
                if (translated && !s.toLowerCase(java.util.Locale.ROOT).contains("charset=utf-8")) {
                    return new ArrayList<>();
                }
                continue; // the catalog header
            }
            for (String part : s.split("\0")) {
                if (!part.isEmpty() && part.indexOf('\uFFFD') < 0) {
                    out.add(part);
                }
            }
        }
        return out;
    }
}
