package dev.edge4j.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GgufValueTest {

    @Test
    void integersAreRangeChecked() {
        assertThatThrownBy(() -> GgufValue.uint8(256)).hasMessageContaining("256 does not fit in uint8");
        assertThatThrownBy(() -> GgufValue.int8(-129)).hasMessageContaining("int8");
        assertThatThrownBy(() -> GgufValue.uint32(-1)).hasMessageContaining("uint32");
        assertThat(GgufValue.uint32(4_000_000_000L).asLong()).isEqualTo(4_000_000_000L);
        assertThatThrownBy(() -> GgufValue.uint32(4_000_000_000L).asInt()).hasMessageContaining("does not fit");
        assertThatThrownBy(() -> GgufValue.uint64(-1).asInt()).hasMessageContaining("18446744073709551615");
    }

    @Test
    void arraysConvertBetweenWidths() {
        GgufValue u8 = GgufValue.array(GgufValueType.UINT8, new byte[] {(byte) 200, 1});
        assertThat(u8.asIntArray()).containsExactly(200, 1);
        assertThat(u8.element(0).asLong()).isEqualTo(200);
        assertThat(u8.length()).isEqualTo(2);
        GgufValue u32 = GgufValue.array(GgufValueType.UINT32, new int[] {-1});
        assertThatThrownBy(u32::asIntArray).hasMessageContaining("4294967295");
        assertThat(GgufValue.float32Array(new float[] {0.5f}).asFloatArray()).containsExactly(0.5f);
        assertThat(GgufValue.stringArray(List.of("a", "b")).elements())
                .containsExactly(GgufValue.string("a"), GgufValue.string("b"));
    }

    @Test
    void wrongJavaArraysAreRefused() {
        assertThatThrownBy(() -> GgufValue.array(GgufValueType.INT32, new long[1]))
                .hasMessageContaining("int[]");
        assertThatThrownBy(() -> GgufValue.array(GgufValueType.ARRAY, new GgufValue[] {GgufValue.int32(1)}))
                .hasMessageContaining("only arrays");
    }

    @Test
    void wrongTypesSayWhatTheyAre() {
        assertThatThrownBy(() -> GgufValue.string("x").asFloat()).hasMessage("is string, not a number");
        assertThatThrownBy(() -> GgufValue.int32Array(new int[1]).asStringList())
                .hasMessage("is array of int32, not an array of strings");
        assertThat(GgufValue.int32(3).asFloat()).isEqualTo(3f);
    }

    @Test
    void valuesCompareByTypeAndContent() {
        assertThat(GgufValue.uint32(5)).isEqualTo(GgufValue.uint32(5)).isNotEqualTo(GgufValue.int32(5));
        assertThat(GgufValue.float32Array(new float[] {1, 2})).isEqualTo(GgufValue.float32Array(new float[] {1, 2}))
                .hasSameHashCodeAs(GgufValue.float32Array(new float[] {1, 2}));
        assertThat(GgufValue.stringArray(List.of("a"))).hasToString("[\"a\"]");
    }
}
