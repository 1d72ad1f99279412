package dev.edge4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.Edge4jException;
import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.ModelFormatException;
import dev.edge4j.gguf.GgufValue;
import dev.edge4j.gguf.GgufWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken or unsupported tokenizer file is one clear sentence naming the file and the JSON path (or key). */
class TokenizerErrorsTest {
    static final String MODEL = "\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\"]}";

    static String json(String... parts) {
        return "{\"version\":\"1.0\"," + String.join(",", parts) + "}";
    }

    @Test
    void aWorkingMinimalTokenizer() {
        Tokenizer t = Tokenizer.fromJson(json(MODEL));
        assertThat(t.encode("ab").ids()).containsExactly(2);
        assertThat(t.encode("ba").ids()).containsExactly(1, 0);
    }

    @Test
    void missingModel() {
        assertThatThrownBy(() -> Tokenizer.fromJson(json("\"normalizer\":null")))
                .isInstanceOf(ModelFormatException.class).hasMessage("tokenizer.json: $.model: missing");
    }

    @Test
    void unknownComponentTypesNameTheirPath() {
        assertThatThrownBy(() -> Tokenizer.fromJson(json(MODEL, "\"normalizer\":{\"type\":\"Sequence\",\"normalizers\":"
                + "[{\"type\":\"NFC\"},{\"type\":\"Rot13\"}]}")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("tokenizer.json: $.normalizer.normalizers[1].type: unknown normalizer type 'Rot13'");
        assertThatThrownBy(() -> Tokenizer.fromJson(json(MODEL, "\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":"
                + "{\"String\":\" \"},\"behavior\":\"Sideways\",\"invert\":false}")))
                .hasMessage("tokenizer.json: $.pre_tokenizer.behavior: unknown split behaviour 'Sideways'");
        assertThatThrownBy(() -> Tokenizer.fromJson(json(MODEL, "\"decoder\":{\"type\":\"Strip\",\"content\":\"ab\","
                + "\"start\":1,\"stop\":0}")))
                .hasMessage("tokenizer.json: $.decoder.content: expected a single character, found 'ab'");
        assertThatThrownBy(() -> Tokenizer.fromJson(json(MODEL, "\"post_processor\":{\"type\":\"TemplateProcessing\","
                + "\"single\":[{\"SpecialToken\":{\"id\":\"<s>\",\"type_id\":0}}],\"pair\":[],\"special_tokens\":{}}")))
                .hasMessage("tokenizer.json: $.post_processor.single[0].SpecialToken.id: '<s>' is not in special_tokens");
    }

    @Test
    void mergesMustUseVocabularyTokens() {
        String bad = "\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1,\"ab\":2},\"merges\":[\"a b\",\"a zz\"]}";
        assertThatThrownBy(() -> Tokenizer.fromJson(json(bad))).isInstanceOf(ModelFormatException.class)
                .hasMessage("tokenizer.json: $.model.merges[1]: token 'zz' is not in the vocabulary");
        String malformed = "\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":[\"a\"]}";
        assertThatThrownBy(() -> Tokenizer.fromJson(json(malformed)))
                .hasMessage("tokenizer.json: $.model.merges[0]: expected two tokens separated by one space, found 'a'");
        String negative = "\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":-3},\"merges\":[]}";
        assertThatThrownBy(() -> Tokenizer.fromJson(json(negative)))
                .hasMessage("tokenizer.json: $.model.vocab['a']: expected a non-negative integer id");
    }

    @Test
    void brokenJsonSaysWhere() {
        assertThatThrownBy(() -> Tokenizer.fromJson("{\"version\":\"1.0\",\n\"model\": {\"type\": \"BPE\",,}"))
                .isInstanceOf(ModelFormatException.class).hasMessageStartingWith("tokenizer.json: not valid JSON at line 2");
        assertThatThrownBy(() -> Tokenizer.fromJson("[1, 2]")).hasMessage(
                "tokenizer.json: $: not a tokenizer.json: expected a JSON object");
        assertThatThrownBy(() -> Tokenizer.fromJson(json("\"version\":\"7\"")))
                .hasMessage("tokenizer.json: $.version: unknown tokenizer.json version '7'");
    }

    @Test
    void regexJavaCannotRunIsNamed() {
        assertThatThrownBy(() -> Tokenizer.fromJson(json(MODEL, "\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":"
                + "{\"Regex\":\"a\\\\Kb\"},\"behavior\":\"Isolated\",\"invert\":false}")))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("$.pre_tokenizer.pattern.Regex").hasMessageContaining("\\K");
        assertThatThrownBy(() -> Tokenizer.fromJson(json(MODEL, "\"pre_tokenizer\":{\"type\":\"Split\",\"pattern\":"
                + "{\"Regex\":\"(unclosed\"},\"behavior\":\"Isolated\",\"invert\":false}")))
                .hasMessageContaining("unsupported regular expression '(unclosed'");
    }

    @Test
    void truncatedFileIsAFormatError(@TempDir Path dir) throws IOException {
        String whole = json(MODEL);
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, whole.substring(0, whole.length() / 2));
        assertThatThrownBy(() -> Tokenizer.fromFile(file)).isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith(file + ": not valid JSON");
        assertThatThrownBy(() -> TokenizerFiles.load(dir.resolve("absent.json"))).isInstanceOf(NoSuchFileException.class);
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> TokenizerFiles.load(dir.resolve("notes.txt")))
                .hasMessage(dir.resolve("notes.txt") + ": neither a tokenizer.json nor a GGUF file");
    }

    @Test
    void unsupportedGgufTokenizerIsNamed(@TempDir Path dir) {
        Path file = dir.resolve("model.gguf");
        new GgufWriter().putString("general.architecture", "rwkv").putString("tokenizer.ggml.model", "rwkv")
                .put("tokenizer.ggml.tokens", GgufValue.stringArray(List.of("a", "b"))).write(file);
        assertThatThrownBy(() -> TokenizerFiles.load(file)).isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": tokenizer model 'rwkv' (metadata key tokenizer.ggml.model) is not supported;"
                        + " supported: gpt2, llama, bert");
        Path noTokens = dir.resolve("bare.gguf");
        new GgufWriter().putString("tokenizer.ggml.model", "gpt2").write(noTokens);
        assertThatThrownBy(() -> TokenizerFiles.load(noTokens)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tokenizer.ggml.tokens");
    }

    @Test
    void impossibleTruncationIsAnInputError() {
        Tokenizer t = Tokenizer.fromJson(json(MODEL, "\"post_processor\":{\"type\":\"BertProcessing\","
                + "\"sep\":[\"b\",1],\"cls\":[\"a\",0]}"));
        assertThatThrownBy(() -> t.withTruncation(new Truncation(4, 4, Truncation.Strategy.LONGEST_FIRST,
                Truncation.Direction.RIGHT))).isInstanceOf(InvalidInputException.class);
        Tokenizer tight = t.withTruncation(Truncation.of(1));
        assertThatThrownBy(() -> tight.encode("ab")).isInstanceOf(Edge4jException.class)
                .hasMessageContaining("leaves no room for the 2 special tokens");
    }
}
