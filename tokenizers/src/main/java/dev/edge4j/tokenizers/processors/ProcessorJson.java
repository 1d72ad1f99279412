package dev.edge4j.tokenizers.processors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edge4j.tokenizers.json.JsonSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a post-processor from its tokenizer.json description. */
public final class ProcessorJson {
    private ProcessorJson() {}

    public static PostProcessor read(JsonNode node, String path, JsonSource src) {
        String type = src.type(node, path);
        return switch (type) {
            case "ByteLevel" -> new ByteLevelProcessor(src.bool(node, "add_prefix_space", true, path),
                    src.bool(node, "trim_offsets", true, path));
            case "BertProcessing" -> {
                JsonNode sep = src.require(node, "sep", path);
                JsonNode cls = src.require(node, "cls", path);
                yield new BertProcessing(tokenName(sep, path + ".sep", src), tokenId(sep, path + ".sep", src),
                        tokenName(cls, path + ".cls", src), tokenId(cls, path + ".cls", src));
            }
            case "RobertaProcessing" -> {
                JsonNode sep = src.require(node, "sep", path);
                JsonNode cls = src.require(node, "cls", path);
                yield new RobertaProcessing(tokenName(sep, path + ".sep", src), tokenId(sep, path + ".sep", src),
                        tokenName(cls, path + ".cls", src), tokenId(cls, path + ".cls", src),
                        src.bool(node, "trim_offsets", true, path), src.bool(node, "add_prefix_space", true, path));
            }
            case "TemplateProcessing" -> template(node, path, src);
            case "Sequence" -> {
                JsonNode list = src.array(node, "processors", path);
                List<PostProcessor> items = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    items.add(read(list.get(i), path + ".processors[" + i + "]", src));
                }
                yield new ProcessorSequence(items);
            }
            default -> throw src.error(path + ".type", "unknown post-processor type '" + type + "'");
        };
    }

    private static String tokenName(JsonNode pair, String path, JsonSource src) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual()) {
            throw src.error(path, "expected [token, id], found " + JsonSource.describe(pair));
        }
        return pair.get(0).asText();
    }

    private static int tokenId(JsonNode pair, String path, JsonSource src) {
        return src.toInt(pair.get(1), path + "[1]");
    }

    private static TemplateProcessing template(JsonNode node, String path, JsonSource src) {
        Map<String, TemplateProcessing.SpecialToken> specials = new LinkedHashMap<>();
        JsonNode st = src.require(node, "special_tokens", path);
        if (!st.isObject()) {
            throw src.error(path + ".special_tokens", "expected an object, found " + JsonSource.describe(st));
        }
        for (var it = st.fields(); it.hasNext(); ) {
            var e = it.next();
            String at = path + ".special_tokens." + e.getKey();
            JsonNode v = e.getValue();
            String id = src.string(v, "id", at);
            JsonNode ids = src.array(v, "ids", at);
            JsonNode tokens = src.array(v, "tokens", at);
            if (ids.size() != tokens.size()) {
                throw src.error(at, "ids and tokens must have the same length");
            }
            int[] idArr = new int[ids.size()];
            String[] tokArr = new String[tokens.size()];
            for (int i = 0; i < idArr.length; i++) {
                idArr[i] = src.toInt(ids.get(i), at + ".ids[" + i + "]");
                tokArr[i] = tokens.get(i).asText();
            }
            specials.put(id, new TemplateProcessing.SpecialToken(id, idArr, tokArr));
        }
        List<TemplateProcessing.Piece> single = pieces(node, "single", path, src, specials);
        List<TemplateProcessing.Piece> pair = pieces(node, "pair", path, src, specials);
        boolean hasA = false;
        boolean hasB = false;
        for (TemplateProcessing.Piece p : pair) {
            hasA |= p.isSequence() && p.id().equals("A");
            hasB |= p.isSequence() && p.id().equals("B");
        }
        if (!hasA || !hasB) {
            throw src.error(path + ".pair", "the template for pairs must use both sequences A and B");
        }
        return new TemplateProcessing(single, pair, specials);
    }

    private static List<TemplateProcessing.Piece> pieces(JsonNode node, String field, String path, JsonSource src,
                                                         Map<String, TemplateProcessing.SpecialToken> specials) {
        JsonNode list = src.array(node, field, path);
        List<TemplateProcessing.Piece> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "." + field + "[" + i + "]";
            JsonNode p = list.get(i);
            if (p.has("Sequence")) {
                JsonNode s = p.get("Sequence");
                String id = src.string(s, "id", at + ".Sequence");
                if (!id.equals("A") && !id.equals("B")) {
                    throw src.error(at + ".Sequence.id", "expected A or B, found '" + id + "'");
                }
                out.add(TemplateProcessing.Piece.sequence(id.equals("B"), src.integer(s, "type_id", at + ".Sequence")));
            } else if (p.has("SpecialToken")) {
                JsonNode s = p.get("SpecialToken");
                String id = src.string(s, "id", at + ".SpecialToken");
                if (!specials.containsKey(id)) {
                    throw src.error(at + ".SpecialToken.id", "'" + id + "' is not in special_tokens");
                }
                out.add(TemplateProcessing.Piece.special(id, src.integer(s, "type_id", at + ".SpecialToken")));
            } else {
                throw src.error(at, "expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
            }
        }
        return out;
    }
}
