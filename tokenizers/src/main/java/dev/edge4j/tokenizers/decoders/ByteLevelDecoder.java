package dev.edge4j.tokenizers.decoders;

import dev.edge4j.tokenizers.text.ByteLevelAlphabet;
import dev.edge4j.tokenizers.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Maps GPT-2 byte-alphabet characters back to bytes and decodes them as UTF-8 (invalid bytes become U+FFFD). */
public record ByteLevelDecoder() implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String t : tokens) {
            int mark = bytes.size();
            boolean ok = true;
            for (int i = 0; i < t.length(); ) {
                int c = t.codePointAt(i);
                int b = ByteLevelAlphabet.byteOf(c);
                if (b < 0) {
                    ok = false;
                    break;
                }
                bytes.write(b);
                i += Character.charCount(c);
            }
            if (!ok) {
                byte[] all = bytes.toByteArray();
                bytes.reset();
                bytes.write(all, 0, mark);
                bytes.writeBytes(t.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] b = bytes.toByteArray();
        return List.of(Utf8.decodeLossy(b, 0, b.length));
    }
}
