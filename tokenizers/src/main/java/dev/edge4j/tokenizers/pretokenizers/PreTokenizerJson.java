package dev.edge4j.tokenizers.pretokenizers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edge4j.tokenizers.SplitBehavior;
import dev.edge4j.tokenizers.json.JsonSource;
import dev.edge4j.tokenizers.json.PatternJson;
import java.util.ArrayList;
import java.util.List;

/** Builds a pre-tokenizer from its tokenizer.json description. */
public final class PreTokenizerJson {
    private PreTokenizerJson() {}

    public static PreTokenizer read(JsonNode node, String path, JsonSource src) {
        String type = src.type(node, path);
        return switch (type) {
            case "ByteLevel" -> new ByteLevel(src.bool(node, "add_prefix_space", true, path),
                    src.bool(node, "use_regex", true, path));
            case "Split" -> new Split(PatternJson.read(node, "pattern", path, src), behavior(node, path, src,
                    null), src.bool(node, "invert", false, path));
            case "Whitespace" -> new Whitespace();
            case "WhitespaceSplit" -> new WhitespaceSplit();
            case "BertPreTokenizer" -> new BertPreTokenizer();
            case "Punctuation" -> new Punctuation(behavior(node, path, src, SplitBehavior.ISOLATED));
            case "Digits" -> new Digits(src.bool(node, "individual_digits", false, path));
            case "CharDelimiterSplit", "Delimiter" -> new CharDelimiterSplit(src.character(node, "delimiter", path));
            case "UnicodeScripts" -> new UnicodeScripts();
            case "FixedLength" -> {
                Integer len = src.optInteger(node, "length", path);
                if (len != null && len == 0) {
                    throw src.error(path + ".length", "must be at least 1");
                }
                yield new FixedLength(len == null ? 5 : len);
            }
            case "Metaspace" -> metaspace(node, path, src);
            case "Sequence" -> {
                JsonNode list = src.array(node, "pretokenizers", path);
                List<PreTokenizer> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    items.add(read(list.get(i), path + ".pretokenizers[" + i + "]", src));
                }
                yield new PreTokenizerSequence(items);
            }
            default -> throw src.error(path + ".type", "unknown pre-tokenizer type '" + type + "'");
        };
    }

    static SplitBehavior behavior(JsonNode node, String path, JsonSource src, SplitBehavior missing) {
        String b = missing == null ? src.string(node, "behavior", path) : src.optString(node, "behavior", path);
        if (b == null) {
            return missing;
        }
        SplitBehavior r = SplitBehavior.fromJson(b);
        if (r == null) {
            throw src.error(path + ".behavior", "unknown split behaviour '" + b + "'");
        }
        return r;
    }

    private static Metaspace metaspace(JsonNode node, String path, JsonSource src) {
        int replacement = src.character(node, "replacement", path);
        Metaspace.PrependScheme scheme = prependScheme(node, path, src);
        Boolean addPrefixSpace = src.optBool(node, "add_prefix_space", path);
        if (Boolean.FALSE.equals(addPrefixSpace)) {
            if (scheme != Metaspace.PrependScheme.NEVER && node.hasNonNull("prepend_scheme")) {
                throw src.error(path + ".add_prefix_space", "false does not match prepend_scheme '"
                        + node.get("prepend_scheme").asText() + "'");
            }
            scheme = Metaspace.PrependScheme.NEVER;
        }
        return new Metaspace(replacement, scheme, src.bool(node, "split", true, path));
    }

    /** The prepend scheme of a Metaspace (pre-tokenizer or decoder); "always" when absent. */
    public static Metaspace.PrependScheme prependScheme(JsonNode node, String path, JsonSource src) {
        String s = src.optString(node, "prepend_scheme", path);
        if (s == null) {
            return Metaspace.PrependScheme.ALWAYS;
        }
        return switch (s) {
            case "always" -> Metaspace.PrependScheme.ALWAYS;
            case "first" -> Metaspace.PrependScheme.FIRST;
            case "never" -> Metaspace.PrependScheme.NEVER;
            default -> throw src.error(path + ".prepend_scheme", "unknown prepend scheme '" + s + "'");
        };
    }
}
