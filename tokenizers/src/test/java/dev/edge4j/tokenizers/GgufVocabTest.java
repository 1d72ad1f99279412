package dev.edge4j.tokenizers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.testing.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.edge4j.tokenizers.corpus.Corpus;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * llama.cpp's vocabulary-only GGUF files against their own test vectors: every text of the
 * {@code .inp} file must give exactly the ids on its line of the {@code .out} file (encoded without
 * special tokens, as llama.cpp's test-tokenizer-0 does).
 */
@Tag("realmodel")
class GgufVocabTest {
    static Path vocab(String name) {
        return TestModels.get("llama-cpp-vocabs").resolve("ggml-vocab-" + name + ".gguf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-bpe", "qwen2", "llama-spm", "gpt-2", "phi-3", "bert-bge"})
    void reproducesTheTestVectors(String name) throws IOException {
        Path file = vocab(name);
        Tokenizer tok = TokenizerFiles.load(file);
        String inp = Files.readString(Path.of(file + ".inp"), StandardCharsets.UTF_8);
        List<String> out = Files.readAllLines(Path.of(file + ".out"), StandardCharsets.UTF_8);
        // Texts are separated (and the file ended) by this line, as llama.cpp's test reads them.
        List<String> texts = new ArrayList<>(Arrays.asList(inp.split("\n__ggml_vocab_test__\n", -1)));
        if (inp.endsWith("\n__ggml_vocab_test__\n")) {
            texts.removeLast();
        }
        assertThat(texts).hasSameSizeAs(out);
        assertThat(texts.size()).isGreaterThan(30);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String expected = out.get(i).strip();
            int[] ids = tok.encode(texts.get(i), false).ids();
            StringBuilder got = new StringBuilder();
            for (int id : ids) {
                got.append(got.isEmpty() ? "" : " ").append(id);
            }
            if (!got.toString().equals(expected)) {
                failures.add("'" + Compare.escape(texts.get(i)) + "': expected [" + expected + "] got [" + got + "]");
            }
        }
        assertThat(failures).as(name).isEmpty();
    }

    /**
     * A GGUF vocabulary and the tokenizer.json of a model sharing it must tokenize the whole corpus
     * alike. Their special tokens differ (the Llama 3 and 3.2 releases name reserved tokens
     * differently, Qwen 3 adds some), so the document made of special tokens is left out.
     */
    @ParameterizedTest
    @CsvSource({"llama-bpe, llama3_2-tokenizer", "qwen2, qwen3-tokenizer"})
    void matchesTheTokenizerJsonOfTheSameVocabulary(String gguf, String json) throws IOException {
        Tokenizer fromGguf = TokenizerFiles.load(vocab(gguf));
        Tokenizer fromJson = Tokenizer.fromFile(RealTokenizersTest.tokenizerFile(json));
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (Corpus.Document d : Corpus.gather(Path.of("..").toAbsolutePath().normalize())) {
            if (d.name().equals("stress/special-tokens")) {
                continue;
            }
            Encoding a = fromGguf.encode(d.text(), false);
            Encoding b = fromJson.encode(d.text(), false);
            compared++;
            if (!Arrays.equals(a.ids(), b.ids()) || !Arrays.equals(a.offsets(), b.offsets())) {
                failures.add(d.name());
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(failures).as(gguf + " vs " + json).isEmpty();
    }
}
