package dev.edge4j.llm.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edge4j.core.Parallel;
import dev.edge4j.llm.model.LanguageModel;
import dev.edge4j.llm.model.Session;
import dev.edge4j.llm.quant.QuantScheme;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Edge4j against llama.cpp (F32 KV cache) on random-weight models of the real architectures with
 * real vocabularies. F32 models: last-position logits within 1e-3 of the logit range, the same
 * top-20 order and the same greedy 32-token continuation. Quantized models: cosine >= 0.999 at
 * every position of the 64-token prompt and the same top-5 set at the last one; the tensors of
 * the quantized files byte for byte as llama-quantize writes them. The golden files hold
 * llama.cpp's logits at sampled vocabulary ids (see GoldenMaker).
 */
@Tag("conformance")
class GoldenLogitsTest {
    @TempDir
    static Path dir;
    static Parallel pool;

    @BeforeAll
    static void start() {
        pool = Parallel.of(2);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    static Stream<GoldenCase> cases() {
        return GoldenCase.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void logitsMatchLlamaCpp(GoldenCase c) throws IOException {
        GoldenLogits g;
        try (InputStream in = GoldenLogitsTest.class.getResourceAsStream(c.resource())) {
            assertThat(in).as("golden file %s", c.resource()).isNotNull();
            g = GoldenLogits.read(in);
        }
        int[] prompt = c.prompt();
        assertThat(prompt).as("prompt").containsExactly(g.prompt());
        Path file = dir.resolve(c.name() + ".gguf");
        c.writeModel(file, pool);
        if (c.scheme() != QuantScheme.F32) {
            try (dev.edge4j.gguf.GgufFile written = dev.edge4j.gguf.GgufFile.open(file)) {
                assertThat(GoldenLogits.tensorsSha256(written)).as("tensor bytes, against llama-quantize's")
                        .isEqualTo(g.quantizedTensorsSha256());
            }
        }
        try (LanguageModel m = LanguageModel.open(file); Session s = m.newSession(128, 64, pool)) {
            assertThat(m.vocabSize()).isEqualTo(g.vocab());
            float[] all = s.evaluateAll(prompt);
            int vocab = g.vocab();
            float[] last = Arrays.copyOfRange(all, (prompt.length - 1) * vocab, prompt.length * vocab);
            if (c.scheme() == QuantScheme.F32) {
                float tolerance = 1e-3f * (g.lastMax() - g.lastMin());
                for (int i = 0; i < g.sampleIds().length; i++) {
                    assertThat(last[g.sampleIds()[i]]).as("logit of token %d", g.sampleIds()[i])
                            .isCloseTo(g.sampled()[0][i], within(tolerance));
                }
                for (int i = 0; i < g.topIds().length; i++) {
                    assertThat(last[g.topIds()[i]]).as("logit of top token %d", g.topIds()[i])
                            .isCloseTo(g.topLogits()[i], within(tolerance));
                }
                assertThat(GoldenMaker.topK(last, 20)).as("top-20 order").containsExactly(g.topIds());
                int[] continuation = new int[g.continuation().length];
                float[] next = last;
                for (int i = 0; i < continuation.length; i++) {
                    continuation[i] = GoldenMaker.argmax(next);
                    next = s.evaluate(new int[] {continuation[i]});
                }
                assertThat(continuation).as("greedy continuation").containsExactly(g.continuation());
            } else {
                for (int p = 0; p < g.positions().length; p++) {
                    int at = g.positions()[p] * vocab;
                    double ab = 0;
                    double aa = 0;
                    double bb = 0;
                    for (int i = 0; i < g.sampleIds().length; i++) {
                        double a = all[at + g.sampleIds()[i]];
                        double b = g.sampled()[p][i];
                        ab += a * b;
                        aa += a * a;
                        bb += b * b;
                    }
                    assertThat(ab / Math.sqrt(aa * bb)).as("cosine at position %d", g.positions()[p])
                            .isGreaterThanOrEqualTo(0.999);
                }
                Set<Integer> ours = new HashSet<>(GoldenMaker.sorted(GoldenMaker.topK(last, 5)));
                assertThat(ours).as("top-5 set").containsExactlyInAnyOrderElementsOf(GoldenMaker.sorted(g.topIds()));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
