package dev.edge4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.gguf.GgufValue;
import dev.edge4j.gguf.GgufValueType;
import dev.edge4j.gguf.GgufWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The llm commands end to end, on a tiny random model with a made-up vocabulary. */
class LlmCommandTest {
    @TempDir
    static Path dir;
    static Path model;

    @BeforeAll
    static void makeModel() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tokens.add(i == 1 ? "</s>" : "t" + i);
        }
        int[] types = new int[300];
        Arrays.fill(types, 1);
        Path vocab = dir.resolve("vocab.gguf");
        new GgufWriter().putString("tokenizer.ggml.model", "llama")
                .put("tokenizer.ggml.tokens", GgufValue.stringArray(tokens))
                .put("tokenizer.ggml.token_type", GgufValue.array(GgufValueType.INT32, types))
                .putUInt32("tokenizer.ggml.eos_token_id", 1)
                .write(vocab);
        model = dir.resolve("tiny.gguf");
        CliRunner.Run r = CliRunner.run("llm", "random", model.toString(), "--shape", "qwen2-tiny", "--vocab", vocab.toString(),
                "--type", "q8_0", "--seed", "3", "-t", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(model).exists();
    }

    @Test
    void logitsPrintsTheTopTokensHighestFirst() {
        CliRunner.Run r = CliRunner.run("llm", "logits", model.toString(), "--ids", "0 5 9,42", "--top", "4", "-t", "2");
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\n");
        assertThat(lines).hasSize(4);
        float previous = Float.POSITIVE_INFINITY;
        for (String line : lines) {
            String[] f = line.split("\t");
            assertThat(f).hasSize(2);
            assertThat(Integer.parseInt(f[0])).isBetween(0, 299);
            float logit = Float.parseFloat(f[1]);
            assertThat(logit).isLessThanOrEqualTo(previous);
            previous = logit;
        }
        CliRunner.Run all = CliRunner.run("llm", "logits", model.toString(), "--ids", "0 5 9 42", "--all", "-t", "1");
        assertThat(all.out().strip().split("\n")).hasSize(300);
        assertThat(all.out()).startsWith(r.out().substring(0, r.out().indexOf('\n')));
    }

    @Test
    void badInputIsOneClearSentence() {
        CliRunner.Run r = CliRunner.run("llm", "logits", model.toString(), "--ids", "0 300");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("edge4j: token id 300 is outside the vocabulary (0..299)\n");
        CliRunner.Run words = CliRunner.run("llm", "logits", model.toString(), "--ids", "hello");
        assertThat(words.status()).isEqualTo(1);
        assertThat(words.err()).contains("--ids must be whole numbers");
        CliRunner.Run missing = CliRunner.run("llm", "info", dir.resolve("absent.gguf").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.err()).startsWith("edge4j: no such file: ");
        CliRunner.Run full = CliRunner.run("llm", "run", model.toString(), "--ids", "0 1 2 3 4 5", "--ctx", "4");
        assertThat(full.status()).isEqualTo(1);
        assertThat(full.err()).contains("the context is full");
    }

    @Test
    void aTruncatedModelIsNamed() throws Exception {
        Path cut = dir.resolve("cut.gguf");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        CliRunner.Run r = CliRunner.run("llm", "info", cut.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("edge4j: " + cut + " is truncated").doesNotContain("Exception");
    }

    @Test
    void runGeneratesTheRequestedTokensReproducibly() {
        CliRunner.Run a = CliRunner.run("llm", "run", model.toString(), "--ids", "0 5", "-n", "6", "--ignore-eos", "--seed", "11", "-t", "2");
        CliRunner.Run b = CliRunner.run("llm", "run", model.toString(), "--ids", "0 5", "-n", "6", "--ignore-eos", "--seed", "11", "-t", "1");
        assertThat(a.status()).as(a.err()).isZero();
        assertThat(a.out().strip().split(" ")).hasSize(6);
        assertThat(a.out()).isEqualTo(b.out());
        CliRunner.Run greedy = CliRunner.run("llm", "run", model.toString(), "--ids", "0 5", "-n", "1", "--temp", "0", "--ignore-eos");
        CliRunner.Run top = CliRunner.run("llm", "logits", model.toString(), "--ids", "0 5", "--top", "1");
        assertThat(greedy.out().strip()).isEqualTo(top.out().split("\t")[0]);
    }

    @Test
    void benchPrintsLlamaBenchStyleLines() {
        CliRunner.Run r = CliRunner.run("llm", "bench", model.toString(), "-p", "16", "-n", "8", "-t", "1", "-r", "2", "--warmup", "0");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^pp16_tps=\\d+\\.\\d+$").containsPattern("(?m)^tg8_tps=\\d+\\.\\d+$")
                .containsPattern("(?m)^weights_per_token_bytes=\\d+$");
    }

    @Test
    void quantizeAndInfo() {
        Path q = dir.resolve("tiny-q4_0.gguf");
        CliRunner.Run r = CliRunner.run("llm", "quantize", model.toString(), q.toString(), "q4_0", "-t", "2");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("(q4_0)");
        CliRunner.Run info = CliRunner.run("llm", "info", q.toString());
        assertThat(info.status()).as(info.err()).isZero();
        assertThat(info.out()).contains("architecture: qwen2").contains("tensors Q4_0: ").contains("vocabulary: 300");
        CliRunner.Run bad = CliRunner.run("llm", "quantize", model.toString(), q.toString(), "q3_k_xl");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.err()).contains("unknown quantization type 'q3_k_xl'");
    }

    @Test
    void textPromptsAreTokenizedAndChatNeedsATemplate() {
        CliRunner.Run run = CliRunner.run("llm", "run", model.toString(), "-p", "t5 t9", "-n", "3", "--ignore-eos", "--temp", "0");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).endsWith("\n");
        CliRunner.Run chat = CliRunner.run("llm", "chat", model.toString());
        assertThat(chat.status()).isEqualTo(1);
        assertThat(chat.err()).contains("has no chat template");
        CliRunner.Run both = CliRunner.run("llm", "run", model.toString(), "-p", "x", "--ids", "1");
        assertThat(both.status()).isEqualTo(1);
        assertThat(both.err()).contains("either as text (-p) or as token ids (--ids)");
    }

    @Test
    void helpListsTheCommands() {
        CliRunner.Run r = CliRunner.run("llm", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("chat").contains("run").contains("bench").contains("logits").contains("quantize");
    }
}
