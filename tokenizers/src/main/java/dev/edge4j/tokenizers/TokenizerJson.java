package dev.edge4j.tokenizers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edge4j.core.ModelFormatException;
import dev.edge4j.tokenizers.decoders.Decoder;
import dev.edge4j.tokenizers.decoders.DecoderJson;
import dev.edge4j.tokenizers.json.JsonSource;
import dev.edge4j.tokenizers.models.Model;
import dev.edge4j.tokenizers.models.ModelJson;
import dev.edge4j.tokenizers.normalizers.Normalizer;
import dev.edge4j.tokenizers.normalizers.NormalizerJson;
import dev.edge4j.tokenizers.pretokenizers.PreTokenizer;
import dev.edge4j.tokenizers.pretokenizers.PreTokenizerJson;
import dev.edge4j.tokenizers.processors.PostProcessor;
import dev.edge4j.tokenizers.processors.ProcessorJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads HF's {@code tokenizer.json} format. */
final class TokenizerJson {
    private TokenizerJson() {}

    // Vocabulary keys arrive as field names: interning hundreds of thousands of them costs seconds.
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build());

    static Tokenizer read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    static Tokenizer read(String json) {
        try {
            return read(new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    "tokenizer.json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tokenizer read(InputStream in, String name) throws IOException {
        JsonSource src = new JsonSource(name);
        JsonFactory factory = MAPPER.getFactory();
        try (JsonParser p = factory.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw src.error("$", "not a tokenizer.json: expected a JSON object");
            }
            Model model = null;
            JsonNode normalizer = null;
            JsonNode preTokenizer = null;
            JsonNode postProcessor = null;
            JsonNode decoder = null;
            JsonNode addedTokens = null;
            JsonNode truncation = null;
            JsonNode padding = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "model" -> model = ModelJson.read(p, MAPPER, "$.model", src);
                    case "normalizer" -> normalizer = MAPPER.readTree(p);
                    case "pre_tokenizer" -> preTokenizer = MAPPER.readTree(p);
                    case "post_processor" -> postProcessor = MAPPER.readTree(p);
                    case "decoder" -> decoder = MAPPER.readTree(p);
                    case "added_tokens" -> addedTokens = MAPPER.readTree(p);
                    case "truncation" -> truncation = MAPPER.readTree(p);
                    case "padding" -> padding = MAPPER.readTree(p);
                    case "version" -> {
                        String v = p.getValueAsString();
                        if (!"1.0".equals(v)) {
                            throw src.error("$.version", "unknown tokenizer.json version '" + v + "'");
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (model == null) {
                throw src.error("$.model", "missing");
            }
            Normalizer n = isNull(normalizer) ? null : NormalizerJson.read(normalizer, "$.normalizer", src);
            PreTokenizer pt = isNull(preTokenizer) ? null
                    : PreTokenizerJson.read(preTokenizer, "$.pre_tokenizer", src);
            PostProcessor pp = isNull(postProcessor) ? null
                    : ProcessorJson.read(postProcessor, "$.post_processor", src);
            Decoder d = isNull(decoder) ? null : DecoderJson.read(decoder, "$.decoder", src);
            AddedVocabulary av = new AddedVocabulary();
            av.add(addedTokens(addedTokens, src), model, n);
            return new Tokenizer(n, pt, model, pp, d, av, truncation(truncation, src), padding(padding, src), false);
        } catch (JsonParseException e) {
            throw new ModelFormatException(name + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
    }

    private static boolean isNull(JsonNode n) {
        return n == null || n.isNull();
    }

    private static List<AddedToken> addedTokens(JsonNode list, JsonSource src) {
        List<AddedToken> out = new ArrayList<>();
        if (isNull(list)) {
            return out;
        }
        if (!list.isArray()) {
            throw src.error("$.added_tokens", "expected an array");
        }
        for (int i = 0; i < list.size(); i++) {
            String at = "$.added_tokens[" + i + "]";
            JsonNode t = list.get(i);
            if (!t.isObject()) {
                throw src.error(at, "expected an object");
            }
            boolean special = src.bool(t, "special", false, at);
            out.add(new AddedToken(src.string(t, "content", at), src.bool(t, "single_word", false, at),
                    src.bool(t, "lstrip", false, at), src.bool(t, "rstrip", false, at),
                    src.bool(t, "normalized", !special, at), special));
        }
        return out;
    }

    private static Truncation truncation(JsonNode t, JsonSource src) {
        if (isNull(t)) {
            return null;
        }
        String at = "$.truncation";
        String dir = src.optString(t, "direction", at);
        Truncation.Direction direction = switch (dir == null ? "Right" : dir) {
            case "Right" -> Truncation.Direction.RIGHT;
            case "Left" -> Truncation.Direction.LEFT;
            default -> throw src.error(at + ".direction", "expected Left or Right, found '" + dir + "'");
        };
        String strat = src.string(t, "strategy", at);
        Truncation.Strategy strategy = switch (strat) {
            case "LongestFirst" -> Truncation.Strategy.LONGEST_FIRST;
            case "OnlyFirst" -> Truncation.Strategy.ONLY_FIRST;
            case "OnlySecond" -> Truncation.Strategy.ONLY_SECOND;
            default -> throw src.error(at + ".strategy", "unknown truncation strategy '" + strat + "'");
        };
        return new Truncation(src.integer(t, "max_length", at), src.integer(t, "stride", at), strategy, direction);
    }

    private static Padding padding(JsonNode p, JsonSource src) {
        if (isNull(p)) {
            return null;
        }
        String at = "$.padding";
        JsonNode s = src.require(p, "strategy", at);
        Integer fixed;
        if (s.isTextual() && s.asText().equals("BatchLongest")) {
            fixed = null;
        } else if (s.isObject() && s.has("Fixed")) {
            fixed = src.toInt(s.get("Fixed"), at + ".strategy.Fixed");
        } else {
            throw src.error(at + ".strategy", "expected \"BatchLongest\" or {\"Fixed\": n}");
        }
        String dir = src.string(p, "direction", at);
        Padding.Direction direction = switch (dir) {
            case "Right" -> Padding.Direction.RIGHT;
            case "Left" -> Padding.Direction.LEFT;
            default -> throw src.error(at + ".direction", "expected Left or Right, found '" + dir + "'");
        };
        return new Padding(fixed, direction, src.optInteger(p, "pad_to_multiple_of", at),
                src.integer(p, "pad_id", at), src.integer(p, "pad_type_id", at), src.string(p, "pad_token", at));
    }
}
