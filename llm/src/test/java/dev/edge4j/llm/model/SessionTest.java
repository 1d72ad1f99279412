package dev.edge4j.llm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.Parallel;
import dev.edge4j.llm.quant.QuantScheme;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The forward pass on small random models: batched and token-by-token agree, limits are enforced. */
class SessionTest {
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

    static final int[] PROMPT = {0, 17, 250, 3, 99, 42, 42, 7, 180, 64, 5, 201, 77};

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"llama3, f32", "llama2, q8_0", "qwen2, q4_0", "qwen3, f16", "llama3, q4_k_m", "qwen2, q6_k", "qwen3, q4_1", "llama2, bf16"})
    void aPromptGivesTheSameLogitsInOneBatchAsTokenByToken(String arch, String scheme) {
        QuantScheme s = QuantScheme.byName(scheme);
        RandomModel.Shape shape = s.baseType().blockSize() == 256 ? RandomModel.Shape.small(arch) : RandomModel.Shape.tiny(arch);
        Path file = TestModels.write(dir, arch + "-" + scheme, shape, s, 7);
        try (LanguageModel m = LanguageModel.open(file)) {
            int vocab = m.vocabSize();
            float[] batched = all(m, 64, PROMPT);
            float[] single = all(m, 1, PROMPT);
            float[] chunked = all(m, 5, PROMPT);
            double range = 0;
            for (float v : batched) {
                range = Math.max(range, Math.abs(v));
            }
            // Float weights differ only in summation order: the same values. Other types round their
            // inputs (to 8 bits or half precision), and a value on a rounding boundary may round the
            // other way when summed in another order; the step spreads through the layers, so
            // compare whole logit vectors there.
            for (int p = 0; p < PROMPT.length; p++) {
                float[] b = Arrays.copyOfRange(batched, p * vocab, (p + 1) * vocab);
                for (float[] other : new float[][] {single, chunked}) {
                    float[] o = Arrays.copyOfRange(other, p * vocab, (p + 1) * vocab);
                    if (s == QuantScheme.F32) {
                        for (int i = 0; i < vocab; i++) {
                            assertThat((double) o[i]).as("position %d token %d", p, i).isCloseTo(b[i], within(1e-5 * range));
                        }
                    } else {
                        assertThat(cosine(b, o)).as("position %d", p).isGreaterThan(0.999);
                    }
                }
            }
            // Only the last position's logits: through the single-token product, the same values.
            float[] last;
            try (Session session = m.newSession(64, 64, pool)) {
                last = session.evaluate(PROMPT);
            }
            float[] lastBatched = Arrays.copyOfRange(batched, (PROMPT.length - 1) * vocab, PROMPT.length * vocab);
            if (s == QuantScheme.F32) {
                for (int i = 0; i < vocab; i++) {
                    assertThat((double) last[i]).isCloseTo(lastBatched[i], within(1e-5 * range));
                }
            } else {
                assertThat(cosine(last, lastBatched)).isGreaterThan(0.999);
            }
        }
    }

    @Test
    void quantizedModelsStayCloseToTheirFloatOriginal() {
        RandomModel.Shape shape = RandomModel.Shape.small("qwen2");
        Path f32 = TestModels.write(dir, "orig-f32", shape, QuantScheme.F32, 3);
        float[] reference;
        try (LanguageModel m = LanguageModel.open(f32)) {
            reference = last(m, PROMPT);
        }
        for (QuantScheme s : new QuantScheme[] {QuantScheme.Q8_0, QuantScheme.Q6_K, QuantScheme.Q4_K_M, QuantScheme.Q4_0}) {
            Path q = TestModels.write(dir, "orig-" + s.label(), shape, s, 3);
            try (LanguageModel m = LanguageModel.open(q)) {
                float[] logits = last(m, PROMPT);
                assertThat(cosine(reference, logits)).as(s.label()).isGreaterThan(s == QuantScheme.Q8_0 ? 0.999 : 0.99);
            }
        }
    }

    @Test
    void theContextLimitIsAClearError() {
        Path file = TestModels.write(dir, "limit", RandomModel.Shape.tiny("llama3"), QuantScheme.Q8_0, 1);
        try (LanguageModel m = LanguageModel.open(file)) {
            Session s = m.newSession(16, 8, pool);
            s.evaluate(Arrays.copyOf(PROMPT, 10));
            closeLater(s);
            assertThatThrownBy(() -> s.evaluate(new int[] {1, 2, 3, 4, 5, 6, 7}))
                    .isInstanceOf(ContextFullException.class)
                    .hasMessageContaining("10 tokens are in it and 7 more do not fit in its 16");
            assertThat(s.position()).isEqualTo(10);
            assertThatThrownBy(() -> s.evaluate(new int[] {TestModels.VOCAB}))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("token id 300 is outside the vocabulary (0..299)");
            s.evaluate(new int[] {1, 2, 3, 4, 5, 6});
            assertThat(s.position()).isEqualTo(16);
            assertThatThrownBy(() -> s.evaluate(new int[] {1})).isInstanceOf(ContextFullException.class);
            assertThatThrownBy(() -> m.newSession(0, 0, pool)).hasMessageContaining("batch size must be at least 1");
        }
    }

    @Test
    void resetAndTruncateReturnToEarlierStates() {
        Path file = TestModels.write(dir, "reset", RandomModel.Shape.tiny("qwen2"), QuantScheme.Q4_0, 2);
        try (LanguageModel m = LanguageModel.open(file)) {
            Session s = m.newSession(32, 8, pool);
            closeLater(s);
            float[] first = s.evaluate(PROMPT);
            float[] next = s.evaluate(new int[] {5});
            s.truncate(PROMPT.length);
            assertThat(s.evaluate(new int[] {5})).containsExactly(next);
            s.reset();
            assertThat(s.evaluate(PROMPT)).containsExactly(first);
        }
    }

    static final java.util.List<Session> OPEN = new java.util.ArrayList<>();

    static void closeLater(Session s) {
        OPEN.add(s);
    }

    @org.junit.jupiter.api.AfterEach
    void closeSessions() {
        OPEN.forEach(Session::close);
        OPEN.clear();
    }

    static float[] all(LanguageModel m, int batch, int[] tokens) {
        try (Session s = m.newSession(64, batch, pool)) {
            return s.evaluateAll(tokens);
        }
    }

    static float[] last(LanguageModel m, int[] tokens) {
        try (Session s = m.newSession(32, 32, pool)) {
            return s.evaluate(tokens);
        }
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }
}
