package dev.edge4j.llm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.core.Parallel;
import dev.edge4j.gguf.GgmlType;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.gguf.GgufTensorInfo;
import dev.edge4j.gguf.GgufValue;
import dev.edge4j.gguf.GgufWriter;
import dev.edge4j.llm.quant.QuantScheme;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models that are not what they should be fail on open with one sentence naming the problem. */
class ModelLoadingTest {
    @TempDir
    static Path dir;
    static Path good;

    @BeforeAll
    static void write() {
        good = TestModels.write(dir, "good", RandomModel.Shape.tiny("qwen2"), QuantScheme.Q8_0, 5);
    }

    /** Copies the good model, dropping tensors {@code drop} accepts and applying {@code edit} to the writer. */
    static Path variant(String name, BiPredicate<String, GgufTensorInfo> drop, java.util.function.Consumer<GgufWriter> edit) {
        Path out = dir.resolve(name + ".gguf");
        try (GgufFile g = GgufFile.open(good)) {
            GgufWriter w = new GgufWriter().putAll(g.metadata());
            for (GgufTensorInfo t : g.tensors()) {
                if (!drop.test(t.name(), t)) {
                    w.addTensor(t.name(), t.type(), t.dims(), g.data(t));
                }
            }
            edit.accept(w);
            w.write(out);
        }
        return out;
    }

    @Test
    void theGoodModelOpens() {
        try (LanguageModel m = LanguageModel.open(good)) {
            assertThat(m.architecture().name()).isEqualTo("qwen2");
            assertThat(m.config().layers()).isEqualTo(2);
            assertThat(m.config().kvHeads()).isEqualTo(2);
            assertThat(m.weights().tiedEmbeddings()).isTrue();
            assertThat(m.weights().layers()[0].bq()).hasSize(64);
            assertThat(m.vocabSize()).isEqualTo(TestModels.VOCAB);
            assertThat(m.endTokens()).contains(1);
            assertThat(m.addsBos()).isTrue();
        }
    }

    @Test
    void anUnknownArchitectureIsNamed() {
        Path f = variant("arch", (n, t) -> false, w -> w.putString("general.architecture", "mamba"));
        assertThatThrownBy(() -> LanguageModel.open(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("architecture 'mamba' is not supported (supported: llama, qwen2, qwen3)");
    }

    @Test
    void aMissingTensorIsNamed() {
        Path f = variant("missing", (n, t) -> n.equals("blk.1.ffn_down.weight"), w -> { });
        assertThatThrownBy(() -> LanguageModel.open(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'blk.1.ffn_down.weight' is missing");
    }

    @Test
    void aMissingHyperParameterIsNamed() {
        Path f = variant("nohead", (n, t) -> false, w -> w.remove("qwen2.attention.head_count"));
        assertThatThrownBy(() -> LanguageModel.open(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("metadata key 'qwen2.attention.head_count' is missing");
    }

    @Test
    void aWrongShapeIsNamed() {
        Path f = variant("shape", (n, t) -> n.equals("blk.0.attn_k.weight"),
                w -> w.addTensor("blk.0.attn_k.weight", new long[] {64, 16}, new float[64 * 16]));
        assertThatThrownBy(() -> LanguageModel.open(f)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'blk.0.attn_k.weight' has shape [64, 16], expected [64, 32]");
    }

    @Test
    void anUnsupportedTensorTypeIsNamed() {
        Path g = variant("type2", (n, t) -> n.equals("blk.0.ffn_up.weight"),
                w -> w.addTensor("blk.0.ffn_up.weight", GgmlType.IQ4_NL, new long[] {64, 128},
                        MemorySegment.ofArray(new byte[(int) GgmlType.IQ4_NL.bytesFor(64 * 128)])));
        assertThatThrownBy(() -> LanguageModel.open(g)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("tensor 'blk.0.ffn_up.weight' has type IQ4_NL, which Edge4j cannot compute with");
    }

    @Test
    void aFusedQkvTensorGivesTheSameLogitsAsSeparateOnes() {
        Path fused = variant("fused", (n, t) -> n.matches("blk\\.\\d+\\.attn_[qkv]\\.(weight|bias)"), w -> {
            try (GgufFile g = GgufFile.open(good)) {
                for (int i = 0; i < 2; i++) {
                    String p = "blk." + i + ".";
                    GgufTensorInfo q = g.tensor(p + "attn_q.weight");
                    GgufTensorInfo k = g.tensor(p + "attn_k.weight");
                    GgufTensorInfo v = g.tensor(p + "attn_v.weight");
                    MemorySegment all = MemorySegment.ofArray(new byte[(int) (q.byteSize() + k.byteSize() + v.byteSize())]);
                    MemorySegment.copy(g.data(q), 0, all, 0, q.byteSize());
                    MemorySegment.copy(g.data(k), 0, all, q.byteSize(), k.byteSize());
                    MemorySegment.copy(g.data(v), 0, all, q.byteSize() + k.byteSize(), v.byteSize());
                    w.addTensor(p + "attn_qkv.weight", q.type(), new long[] {64, q.dim(1) + k.dim(1) + v.dim(1)}, all);
                    float[] bias = new float[(int) (q.dim(1) + k.dim(1) + v.dim(1))];
                    int at = 0;
                    for (String b : new String[] {"attn_q.bias", "attn_k.bias", "attn_v.bias"}) {
                        float[] part = g.data(p + b).toArray(ValueLayout.JAVA_FLOAT);
                        System.arraycopy(part, 0, bias, at, part.length);
                        at += part.length;
                    }
                    w.addTensor(p + "attn_qkv.bias", new long[] {bias.length}, bias);
                }
            }
        });
        int[] prompt = {0, 5, 77, 123, 9};
        try (Parallel pool = Parallel.of(2); LanguageModel a = LanguageModel.open(good); LanguageModel b = LanguageModel.open(fused);
             Session sa = a.newSession(16, 8, pool); Session sb = b.newSession(16, 8, pool)) {
            assertThat(sb.evaluate(prompt)).containsExactly(sa.evaluate(prompt));
        }
    }

    @Test
    void copiedWeightsGiveTheSameLogitsAsWeightsReadInPlace() {
        // An untied embedding (llama3) is looked up in place either way; a tied one (qwen2) is the
        // output head and copied with the rest.
        Path untied = TestModels.write(dir, "untied", RandomModel.Shape.small("llama3"), QuantScheme.Q4_K_M, 7);
        int[] prompt = {0, 5, 77, 123, 9, 200};
        for (Path file : new Path[] {good, untied}) {
            try (Parallel pool = Parallel.of(2);
                 LanguageModel a = LanguageModel.open(file, bytes -> false);
                 LanguageModel b = LanguageModel.open(file, bytes -> true);
                 Session sa = a.newSession(16, 8, pool); Session sb = b.newSession(16, 8, pool)) {
                assertThat(sb.evaluate(prompt)).as("%s", file.getFileName()).containsExactly(sa.evaluate(prompt));
            }
        }
    }

    @Test
    void perLayerArraysWithOneValueAreAccepted() {
        Path f = variant("arrays", (n, t) -> false, w -> w.put("qwen2.attention.head_count_kv",
                GgufValue.array(dev.edge4j.gguf.GgufValueType.UINT32, new int[] {2, 2})));
        try (LanguageModel m = LanguageModel.open(f)) {
            assertThat(m.config().kvHeads()).isEqualTo(2);
        }
        Path g = variant("arrays2", (n, t) -> false, w -> w.put("qwen2.attention.head_count_kv",
                GgufValue.array(dev.edge4j.gguf.GgufValueType.UINT32, new int[] {2, 4})));
        assertThatThrownBy(() -> LanguageModel.open(g)).hasMessageContaining("differs between layers");
    }
}
