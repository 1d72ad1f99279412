package dev.edge4j.tokenizers.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edge4j.tokenizers.text.GptSplitPattern;
import dev.edge4j.tokenizers.text.LiteralPattern;
import dev.edge4j.tokenizers.text.OnigRegex;
import dev.edge4j.tokenizers.text.RegexPattern;
import dev.edge4j.tokenizers.text.TextPattern;

/** Reads {@code {"String": "..."}} or {@code {"Regex": "..."}}; well-known split regexes get a hand-written matcher. */
public final class PatternJson {
    private PatternJson() {}

    public static TextPattern read(JsonNode obj, String field, String path, JsonSource src) {
        JsonNode p = src.require(obj, field, path);
        String at = path + "." + field;
        if (p.isObject() && p.has("String") && p.get("String").isTextual()) {
            return new LiteralPattern(p.get("String").asText());
        }
        if (p.isObject() && p.has("Regex") && p.get("Regex").isTextual()) {
            String regex = p.get("Regex").asText();
            GptSplitPattern fast = GptSplitPattern.forRegex(regex);
            if (fast != null) {
                return fast;
            }
            return new RegexPattern(OnigRegex.compile(regex, src.name() + ": " + at + ".Regex"));
        }
        throw src.error(at, "expected {\"String\": ...} or {\"Regex\": ...}, found " + JsonSource.describe(p));
    }
}
