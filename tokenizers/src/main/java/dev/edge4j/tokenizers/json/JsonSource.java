package dev.edge4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edge4j.core.ModelFormatException;

/**
 * Reads typed fields out of a tokenizer.json tree; every error names the file and the JSON path of
 * the problem, e.g. {@code tokenizer.json: $.model.merges[12]: ...}.
 */
public final class JsonSource {
    private final String name;

    public JsonSource(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public ModelFormatException error(String path, String problem) {
        return new ModelFormatException(name + ": " + path + ": " + problem);
    }

    /** The object's "type" field. */
    public String type(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw error(path, "expected an object, found " + describe(node));
        }
        JsonNode t = node.get("type");
        if (t == null || !t.isTextual()) {
            throw error(path + ".type", "missing the component type");
        }
        return t.asText();
    }

    public JsonNode require(JsonNode obj, String field, String path) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            throw error(path + "." + field, "missing");
        }
        return v;
    }

    public String string(JsonNode obj, String field, String path) {
        JsonNode v = require(obj, field, path);
        if (!v.isTextual()) {
            throw error(path + "." + field, "expected a string, found " + describe(v));
        }
        return v.asText();
    }

    /** A string field that may be absent or null. */
    public String optString(JsonNode obj, String field, String path) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw error(path + "." + field, "expected a string, found " + describe(v));
        }
        return v.asText();
    }

    public boolean bool(JsonNode obj, String field, boolean missing, String path) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return missing;
        }
        if (!v.isBoolean()) {
            throw error(path + "." + field, "expected true or false, found " + describe(v));
        }
        return v.asBoolean();
    }

    /** A boolean field that may be absent or null (null then). */
    public Boolean optBool(JsonNode obj, String field, String path) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return bool(obj, field, false, path);
    }

    public int integer(JsonNode obj, String field, String path) {
        JsonNode v = require(obj, field, path);
        return toInt(v, path + "." + field);
    }

    public Integer optInteger(JsonNode obj, String field, String path) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return toInt(v, path + "." + field);
    }

    public int toInt(JsonNode v, String path) {
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            throw error(path, "expected a non-negative integer, found " + describe(v));
        }
        return v.asInt();
    }

    public JsonNode array(JsonNode obj, String field, String path) {
        JsonNode v = require(obj, field, path);
        if (!v.isArray()) {
            throw error(path + "." + field, "expected an array, found " + describe(v));
        }
        return v;
    }

    /** A single character given as a one-character string. */
    public int character(JsonNode obj, String field, String path) {
        String s = string(obj, field, path);
        if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
            throw error(path + "." + field, "expected a single character, found '" + s + "'");
        }
        return s.codePointAt(0);
    }

    public static String describe(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isTextual()) {
            String s = v.asText();
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        return v.toString();
    }
}
