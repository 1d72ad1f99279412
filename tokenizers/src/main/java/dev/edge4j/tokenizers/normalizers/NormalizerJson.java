package dev.edge4j.tokenizers.normalizers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edge4j.tokenizers.json.JsonSource;
import dev.edge4j.tokenizers.json.PatternJson;
import dev.edge4j.tokenizers.text.UnicodeForm;
import java.util.ArrayList;
import java.util.List;

/** Builds a normalizer from its tokenizer.json description. */
public final class NormalizerJson {
    private NormalizerJson() {}

    public static Normalizer read(JsonNode node, String path, JsonSource src) {
        String type = src.type(node, path);
        return switch (type) {
            case "BertNormalizer", "Bert" -> new BertNormalizer(src.bool(node, "clean_text", true, path),
                    src.bool(node, "handle_chinese_chars", true, path), src.optBool(node, "strip_accents", path),
                    src.bool(node, "lowercase", true, path));
            case "Strip" -> new Strip(src.bool(node, "strip_left", true, path),
                    src.bool(node, "strip_right", true, path));
            case "StripAccents" -> new StripAccents();
            case "NFC" -> new UnicodeNormalizer(UnicodeForm.NFC);
            case "NFD" -> new UnicodeNormalizer(UnicodeForm.NFD);
            case "NFKC" -> new UnicodeNormalizer(UnicodeForm.NFKC);
            case "NFKD" -> new UnicodeNormalizer(UnicodeForm.NFKD);
            case "Lowercase" -> new Lowercase();
            case "Nmt" -> new Nmt();
            case "ByteLevel" -> new ByteLevelNormalizer();
            case "Prepend" -> new Prepend(src.string(node, "prepend", path));
            case "Replace" -> new Replace(PatternJson.read(node, "pattern", path, src),
                    src.string(node, "content", path));
            case "Precompiled" -> Precompiled.fromBase64(src.string(node, "precompiled_charsmap", path),
                    src.name() + ": " + path + ".precompiled_charsmap");
            case "Sequence" -> {
                JsonNode list = src.array(node, "normalizers", path);
                List<Normalizer> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    items.add(read(list.get(i), path + ".normalizers[" + i + "]", src));
                }
                yield new NormalizerSequence(items);
            }
            default -> throw src.error(path + ".type", "unknown normalizer type '" + type + "'");
        };
    }
}
