package dev.edge4j.llm.quant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.gguf.GgmlType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-tensor types of each scheme, as llama-quantize picks them. */
class QuantSchemeTest {
    @Test
    void q4KMGivesSomeLayersSixBits() {
        List<Integer> sixBit = new ArrayList<>();
        for (int layer = 0; layer < 24; layer++) {
            GgmlType v = QuantScheme.Q4_K_M.typeFor("blk." + layer + ".attn_v.weight", 2, 1024, 24, false);
            GgmlType down = QuantScheme.Q4_K_M.typeFor("blk." + layer + ".ffn_down.weight", 2, 4864, 24, false);
            assertThat(v).isEqualTo(down);
            if (v == GgmlType.Q6_K) {
                sixBit.add(layer);
            } else {
                assertThat(v).isEqualTo(GgmlType.Q4_K);
            }
        }
        // The first and last eighth, and every third layer between.
        assertThat(sixBit).containsExactly(0, 1, 2, 5, 8, 11, 14, 17, 20, 21, 22, 23);
        assertThat(QuantScheme.Q4_K_M.typeFor("blk.3.attn_q.weight", 2, 1024, 24, false)).isEqualTo(GgmlType.Q4_K);
        assertThat(QuantScheme.Q4_K_M.typeFor("output.weight", 2, 1024, 24, false)).isEqualTo(GgmlType.Q6_K);
        assertThat(QuantScheme.Q4_K_M.typeFor("token_embd.weight", 2, 1024, 24, false)).isEqualTo(GgmlType.Q4_K);
        assertThat(QuantScheme.Q4_K_M.typeFor("token_embd.weight", 2, 1024, 24, true)).isEqualTo(GgmlType.Q6_K);
    }

    @Test
    void normsAndVectorsStayFloat() {
        for (QuantScheme s : QuantScheme.values()) {
            assertThat(s.typeFor("blk.0.attn_norm.weight", 1, 896, 24, true)).isEqualTo(GgmlType.F32);
            assertThat(s.typeFor("blk.0.attn_q.bias", 1, 896, 24, true)).isEqualTo(GgmlType.F32);
            assertThat(s.typeFor("blk.0.attn_q_norm.weight", 1, 64, 24, true)).isEqualTo(GgmlType.F32);
        }
    }

    @Test
    void rowsThatAreNotSuperBlocksFallBack() {
        // Qwen2.5-0.5B's width 896 is not a multiple of 256.
        assertThat(QuantScheme.Q4_K_M.typeFor("blk.0.attn_q.weight", 2, 896, 24, true)).isEqualTo(GgmlType.Q5_0);
        assertThat(QuantScheme.Q4_K_M.typeFor("blk.0.ffn_down.weight", 2, 4864, 24, true)).isEqualTo(GgmlType.Q6_K);
        assertThat(QuantScheme.Q4_0.typeFor("token_embd.weight", 2, 896, 24, true)).isEqualTo(GgmlType.Q8_0);
        assertThat(QuantScheme.Q4_0.typeFor("token_embd.weight", 2, 1024, 24, true)).isEqualTo(GgmlType.Q6_K);
        assertThat(QuantScheme.Q8_0.typeFor("output.weight", 2, 896, 24, false)).isEqualTo(GgmlType.Q8_0);
        assertThat(QuantScheme.Q4_0.typeFor("blk.0.ffn_up.weight", 2, 896, 24, true)).isEqualTo(GgmlType.Q4_0);
    }

    @Test
    void namesAreCaseInsensitive() {
        assertThat(QuantScheme.byName("q4_k_m")).isEqualTo(QuantScheme.Q4_K_M);
        assertThat(QuantScheme.byName("Q8_0")).isEqualTo(QuantScheme.Q8_0);
        assertThat(QuantScheme.byName("q4-k-m")).isEqualTo(QuantScheme.Q4_K_M);
        assertThat(QuantScheme.byName("q3_k")).isNull();
        assertThat(QuantScheme.Q4_K_M.fileType()).isEqualTo(15);
    }
}
