package dev.edge4j.llm.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.core.testing.TestModels;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.RandomModel;
import dev.edge4j.llm.model.Session;
import dev.edge4j.llm.quant.QuantScheme;
import dev.edge4j.llm.sample.SamplerSettings;
import dev.edge4j.tokenizers.Tokenizer;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat turns on a random qwen2 model with Qwen's real vocabulary and chat template. */
@Tag("realmodel")
class ChatTest {
    @TempDir
    static Path dir;
    static Parallel pool;
    static LanguageModel model;

    @BeforeAll
    static void open() {
        pool = Parallel.of(2);
        Path file = dir.resolve("qwen.gguf");
        Path vocab = TestModels.get("llama-cpp-vocabs").resolve("ggml-vocab-qwen2.gguf");
        try (GgufFile v = GgufFile.open(vocab)) {
            // F32 weights: no input rounding, so incremental and fresh reading differ only by float order.
            RandomModel.write(file, RandomModel.Shape.tiny("qwen2"), v.metadata(), QuantScheme.F32, 9, pool, Progress.silent("t"));
        }
        model = LanguageModel.open(file);
    }

    @AfterAll
    static void close() {
        model.close();
        pool.close();
    }

    @Test
    void turnsAreRenderedWithTheTemplateAndReadIncrementally() {
        try (Session session = model.newSession(512, 64, pool)) {
            Chat chat = new Chat(model, session, SamplerSettings.greedy(), "Be brief.");
            StringBuilder streamed = new StringBuilder();
            Chat.Reply first = chat.send("Hello!", 6, streamed::append, () -> false);
            assertThat(streamed.toString()).isEqualTo(first.text());
            int afterFirst = session.position();
            Chat.Reply second = chat.send("And then?", 6, s -> { }, () -> false);
            // The second turn read only what was new: far fewer tokens than the whole conversation.
            assertThat(second.generation().promptTokens()).isLessThan(afterFirst);

            int[] prompt = chat.promptTokens();
            String rendered = chat.tokenizer().decode(prompt, false);
            assertThat(rendered).contains("<|im_start|>system\nBe brief.<|im_end|>")
                    .contains("<|im_start|>user\nHello!<|im_end|>")
                    .contains("<|im_start|>user\nAnd then?<|im_end|>")
                    .endsWith("<|im_start|>assistant\n");

            // Each answer read incrementally is the answer to the whole prompt read afresh.
            Chat.Reply third = chat.send("Last one.", 3, s -> { }, () -> false);
            for (Chat.Reply r : new Chat.Reply[] {first, second, third}) {
                try (Session again = model.newSession(512, 64, pool)) {
                    float[] logits = again.evaluate(r.prompt());
                    int best = 0;
                    for (int i = 1; i < logits.length; i++) {
                        if (logits[i] > logits[best]) {
                            best = i;
                        }
                    }
                    int[] answer = r.generation().tokens();
                    if (answer.length == 0) {
                        assertThat(model.endTokens()).contains(best);
                    } else {
                        assertThat(answer[0]).isEqualTo(best);
                    }
                }
            }
        }
    }

    @Test
    void resetForgetsTheConversation() {
        try (Session session = model.newSession(512, 64, pool)) {
            Chat chat = new Chat(model, session, SamplerSettings.greedy(), null);
            chat.send("One", 3, s -> { }, () -> false);
            chat.reset();
            assertThat(session.position()).isZero();
            String rendered = chat.tokenizer().decode(chat.promptTokens(), false);
            assertThat(rendered).doesNotContain("One");
        }
    }

    @Test
    void textComesOutWholeCharactersAtATime() {
        Tokenizer t = dev.edge4j.tokenizers.GgufTokenizer.fromMetadata(model.metadata());
        String text = "héllo wörld, 世界 🙂 done";
        int[] ids = t.encode(text, false).ids();
        TextStream stream = new TextStream(t);
        StringBuilder out = new StringBuilder();
        for (int id : ids) {
            String piece = stream.push(id);
            assertThat(piece).doesNotContain("\uFFFD");
            out.append(piece);
        }
        out.append(stream.rest());
        assertThat(out.toString()).isEqualTo(text);
    }
}
