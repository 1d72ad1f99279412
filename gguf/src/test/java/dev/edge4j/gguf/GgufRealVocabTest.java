package dev.edge4j.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.testing.TestModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama.cpp's own vocabulary files: read them, and write them back byte for byte. */
@Tag("realmodel")
class GgufRealVocabTest {
    @TempDir
    Path dir;

    static Path vocab(String name) {
        return TestModels.get("llama-cpp-vocabs").resolve("ggml-vocab-" + name + ".gguf");
    }

    @Test
    void llama3VocabularyIsRead() {
        try (GgufFile g = GgufFile.open(vocab("llama-bpe"))) {
            GgufMetadata m = g.metadata();
            assertThat(m.getString("general.architecture")).isEqualTo("llama");
            assertThat(m.getString("tokenizer.ggml.model")).isEqualTo("gpt2");
            assertThat(m.getStringList("tokenizer.ggml.tokens")).hasSize(128256).startsWith("!", "\"", "#");
            assertThat(m.getIntArray("tokenizer.ggml.token_type")).hasSize(128256);
            assertThat(m.getStringList("tokenizer.ggml.merges")).contains("Ġ t");
            assertThat(m.getInt("tokenizer.ggml.bos_token_id")).isEqualTo(128000);
        }
    }

    @Test
    void everyVocabularyIsWrittenBackByteForByte() {
        for (String name : new String[] {"llama-bpe", "qwen2", "llama-spm", "gpt-2", "phi-3", "bert-bge"}) {
            Path original = vocab(name);
            Path copy = dir.resolve(name + ".gguf");
            try (GgufFile g = GgufFile.open(original)) {
                GgufWriter w = new GgufWriter().version(g.version()).putAll(g.metadata());
                for (GgufTensorInfo t : g.tensors()) {
                    w.addTensor(t.name(), t.type(), t.dims(), g.data(t));
                }
                w.write(copy);
            }
            assertThat(copy).as(name).hasSameBinaryContentAs(original);
        }
    }
}
