package dev.edge4j.tokenizers.decoders;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns runs of byte tokens ({@code <0xE4>}) back into text; a run that is not valid UTF-8 becomes one
 * U+FFFD per byte.
 */
public record ByteFallbackDecoder() implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        for (String t : tokens) {
            int b = byteToken(t);
            if (b >= 0) {
                run.write(b);
                continue;
            }
            flush(run, out);
            out.add(t);
        }
        flush(run, out);
        return out;
    }

    private static int byteToken(String t) {
        if (t.length() == 6 && t.startsWith("<0x") && t.endsWith(">")) {
            int hi = Character.digit(t.charAt(3), 16);
            int lo = Character.digit(t.charAt(4), 16);
            if (hi >= 0 && lo >= 0) {
                return hi * 16 + lo;
            }
        }
        return -1;
    }

    private static void flush(ByteArrayOutputStream run, List<String> out) {
        if (run.size() == 0) {
            return;
        }
        byte[] bytes = run.toByteArray();
        run.reset();
        if (dev.edge4j.tokenizers.text.Utf8.isValid(bytes, 0, bytes.length)) {
            out.add(new String(bytes, StandardCharsets.UTF_8));
        } else {
            for (int i = 0; i < bytes.length; i++) {
                out.add("\uFFFD");
            }
        }
    }
}
