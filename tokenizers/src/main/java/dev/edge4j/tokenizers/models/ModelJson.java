package dev.edge4j.tokenizers.models;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edge4j.tokenizers.json.JsonSource;
import dev.edge4j.tokenizers.text.StringIntMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the model of a tokenizer.json. The vocabulary and merges (hundreds of thousands of entries)
 * are streamed straight into their final form instead of going through a JSON tree.
 */
public final class ModelJson {
    private ModelJson() {}

    /** Reads the model object the parser is positioned at (its START_OBJECT). */
    public static Model read(JsonParser p, ObjectMapper mapper, String path, JsonSource src) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw src.error(path, "expected an object");
        }
        ObjectNode rest = mapper.createObjectNode();
        StringIntMap vocab = null;
        List<String> pieces = null;
        List<Double> scores = null;
        List<String[]> merges = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "vocab" -> {
                    if (t == JsonToken.START_OBJECT) {
                        vocab = readVocab(p, path + ".vocab", src);
                    } else if (t == JsonToken.START_ARRAY) {
                        pieces = new ArrayList<>();
                        scores = new ArrayList<>();
                        readScoredVocab(p, pieces, scores, path + ".vocab", src);
                    } else {
                        throw src.error(path + ".vocab", "expected an object or an array");
                    }
                }
                case "merges" -> {
                    if (t != JsonToken.START_ARRAY) {
                        throw src.error(path + ".merges", "expected an array");
                    }
                    merges = readMerges(p, path + ".merges", src);
                }
                default -> rest.set(field, mapper.readTree(p));
            }
        }
        String type = rest.hasNonNull("type") ? rest.get("type").asText() : inferType(vocab, pieces, merges, rest);
        return switch (type) {
            case "BPE" -> bpe(vocab, merges, rest, path, src);
            case "WordPiece" -> {
                requireVocab(vocab, path, src);
                Integer max = src.optInteger(rest, "max_input_chars_per_word", path);
                yield new WordPiece(Vocabulary.of(vocab), orElse(src.optString(rest, "unk_token", path), "[UNK]"),
                        orElse(src.optString(rest, "continuing_subword_prefix", path), "##"),
                        max == null ? 100 : max);
            }
            case "WordLevel" -> {
                requireVocab(vocab, path, src);
                yield new WordLevel(Vocabulary.of(vocab), orElse(src.optString(rest, "unk_token", path), "<unk>"));
            }
            case "Unigram" -> {
                if (pieces == null) {
                    throw src.error(path + ".vocab", "missing (a Unigram model needs [piece, score] pairs)");
                }
                double[] s = new double[scores.size()];
                for (int i = 0; i < s.length; i++) {
                    s[i] = scores.get(i);
                }
                yield new Unigram(pieces, s, src.optInteger(rest, "unk_id", path),
                        src.bool(rest, "byte_fallback", false, path), src.name() + ": " + path);
            }
            default -> throw src.error(path + ".type", "unknown model type '" + type + "'");
        };
    }

    private static String orElse(String s, String other) {
        return s != null ? s : other;
    }

    private static void requireVocab(StringIntMap vocab, String path, JsonSource src) {
        if (vocab == null) {
            throw src.error(path + ".vocab", "missing");
        }
    }

    private static String inferType(StringIntMap vocab, List<String> pieces, List<String[]> merges, JsonNode rest) {
        if (merges != null) {
            return "BPE";
        }
        if (pieces != null) {
            return "Unigram";
        }
        if (rest.has("continuing_subword_prefix") || rest.has("max_input_chars_per_word")) {
            return "WordPiece";
        }
        return "WordLevel";
    }

    private static Model bpe(StringIntMap vocab, List<String[]> merges, JsonNode rest, String path, JsonSource src) {
        requireVocab(vocab, path, src);
        if (merges == null) {
            throw src.error(path + ".merges", "missing");
        }
        JsonNode d = rest.get("dropout");
        Float dropout = d == null || d.isNull() ? null : (float) d.asDouble();
        Bpe.Options options = new Bpe.Options(src.optString(rest, "unk_token", path),
                src.optString(rest, "continuing_subword_prefix", path), src.optString(rest, "end_of_word_suffix", path),
                src.bool(rest, "fuse_unk", false, path), src.bool(rest, "byte_fallback", false, path),
                src.bool(rest, "ignore_merges", false, path), dropout);
        return new Bpe(Vocabulary.of(vocab), merges, options, src.name() + ": " + path);
    }

    private static StringIntMap readVocab(JsonParser p, String path, JsonSource src) throws IOException {
        StringIntMap vocab = new StringIntMap(1024);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String token = p.currentName();
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE) {
                throw src.error(path + "['" + token + "']", "expected a non-negative integer id");
            }
            vocab.put(token, p.getIntValue());
        }
        return vocab;
    }

    private static void readScoredVocab(JsonParser p, List<String> pieces, List<Double> scores, String path,
                                        JsonSource src) throws IOException {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String at = path + "[" + i + "]";
            if (p.currentToken() != JsonToken.START_ARRAY || p.nextToken() != JsonToken.VALUE_STRING) {
                throw src.error(at, "expected [piece, score]");
            }
            String piece = p.getText();
            JsonToken t = p.nextToken();
            if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
                throw src.error(at, "expected [piece, score]");
            }
            double score = p.getDoubleValue();
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw src.error(at, "expected [piece, score]");
            }
            pieces.add(piece);
            scores.add(score);
            i++;
        }
    }

    private static List<String[]> readMerges(JsonParser p, String path, JsonSource src) throws IOException {
        List<String[]> merges = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            String at = path + "[" + i + "]";
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String line = p.getText();
                if (line.startsWith("#version")) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space < 0 || line.indexOf(' ', space + 1) >= 0) {
                    throw src.error(at, "expected two tokens separated by one space, found '" + line + "'");
                }
                merges.add(new String[] {line.substring(0, space), line.substring(space + 1)});
            } else if (p.currentToken() == JsonToken.START_ARRAY) {
                String[] pair = new String[2];
                for (int k = 0; k < 2; k++) {
                    if (p.nextToken() != JsonToken.VALUE_STRING) {
                        throw src.error(at, "expected a pair of tokens");
                    }
                    pair[k] = p.getText();
                }
                if (p.nextToken() != JsonToken.END_ARRAY) {
                    throw src.error(at, "expected a pair of tokens");
                }
                merges.add(pair);
            } else {
                throw src.error(at, "expected \"a b\" or [\"a\", \"b\"]");
            }
            i++;
        }
        return merges;
    }
}
