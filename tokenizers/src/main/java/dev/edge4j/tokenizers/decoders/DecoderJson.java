package dev.edge4j.tokenizers.decoders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edge4j.tokenizers.json.JsonSource;
import dev.edge4j.tokenizers.json.PatternJson;
import dev.edge4j.tokenizers.pretokenizers.Metaspace;
import dev.edge4j.tokenizers.pretokenizers.PreTokenizerJson;
import java.util.ArrayList;
import java.util.List;

/** Builds a decoder from its tokenizer.json description. */
public final class DecoderJson {
    private DecoderJson() {}

    public static Decoder read(JsonNode node, String path, JsonSource src) {
        String type = src.type(node, path);
        return switch (type) {
            case "ByteLevel" -> new ByteLevelDecoder();
            case "Metaspace" -> {
                int replacement = src.character(node, "replacement", path);
                Metaspace.PrependScheme scheme = PreTokenizerJson.prependScheme(node, path, src);
                if (Boolean.FALSE.equals(src.optBool(node, "add_prefix_space", path))) {
                    scheme = Metaspace.PrependScheme.NEVER;
                }
                yield new MetaspaceDecoder(replacement, scheme != Metaspace.PrependScheme.NEVER);
            }
            case "WordPiece" -> new WordPieceDecoder(stringOr(node, "prefix", "##", path, src),
                    src.bool(node, "cleanup", true, path));
            case "BPEDecoder" -> new BpeDecoder(stringOr(node, "suffix", "</w>", path, src));
            case "ByteFallback" -> new ByteFallbackDecoder();
            case "Fuse" -> new FuseDecoder();
            case "Strip" -> new StripDecoder(src.character(node, "content", path), src.integer(node, "start", path),
                    src.integer(node, "stop", path));
            case "Replace" -> new ReplaceDecoder(PatternJson.read(node, "pattern", path, src),
                    src.string(node, "content", path));
            case "CTC" -> new CtcDecoder(stringOr(node, "pad_token", "<pad>", path, src),
                    stringOr(node, "word_delimiter_token", "|", path, src), src.bool(node, "cleanup", true, path));
            case "Sequence" -> {
                JsonNode list = src.array(node, "decoders", path);
                List<Decoder> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    items.add(read(list.get(i), path + ".decoders[" + i + "]", src));
                }
                yield new DecoderSequence(items);
            }
            default -> throw src.error(path + ".type", "unknown decoder type '" + type + "'");
        };
    }

    private static String stringOr(JsonNode node, String field, String missing, String path, JsonSource src) {
        String s = src.optString(node, field, path);
        return s == null ? missing : s;
    }
}
