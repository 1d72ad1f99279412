package dev.edge4j.core.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void wrapsTheCallersArrayWithoutCopying() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.of(data, 2, 3);
        assertThat(t.floats()).isSameAs(data);
        assertThat(t.dims()).containsExactly(2, 3);
        assertThat(t.size()).isEqualTo(6);
        assertThat(t.dtype()).isEqualTo(DType.FLOAT32);
    }

    @Test
    void rejectsAnArrayOfTheWrongLengthOrType() {
        assertThatThrownBy(() -> Tensor.of(new float[5], 2, 3))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("needs 6 values, got 5");
        assertThatThrownBy(() -> Tensor.wrap(DType.INT64, Shape.of(2), new int[2]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("long array");
        assertThatThrownBy(() -> Tensor.of(new float[6], 2, 3).longs())
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void scalarsAndEmptyTensorsHaveTheRightSize() {
        assertThat(Tensor.scalar(2.5f).size()).isEqualTo(1);
        assertThat(Tensor.scalar(2.5f).rank()).isZero();
        assertThat(Tensor.zeros(DType.FLOAT32, 3, 0, 2).size()).isZero();
    }

    @Test
    void unsignedTypesReadAsUnsigned() {
        Tensor u8 = Tensor.ofUint8(new byte[] {(byte) 255, 1}, 2);
        assertThat(u8.getDouble(0)).isEqualTo(255.0);
        assertThat(u8.getLong(0)).isEqualTo(255L);
        Tensor u32 = Tensor.wrap(DType.UINT32, Shape.of(1), new int[] {-1});
        assertThat(u32.getLong(0)).isEqualTo(4294967295L);
        Tensor u64 = Tensor.wrap(DType.UINT64, Shape.of(1), new long[] {-1L});
        assertThat(u64.getDouble(0)).isEqualTo(1.8446744073709552E19);
    }

    @Test
    void setWrapsIntegersAndRoundsHalfFloats() {
        Tensor i8 = Tensor.zeros(DType.INT8, 2);
        i8.setLong(0, 130);
        assertThat(i8.getLong(0)).isEqualTo(-126);
        Tensor h = Tensor.zeros(DType.FLOAT16, 1);
        h.setDouble(0, 0.1);
        assertThat(h.getDouble(0)).isEqualTo(0.0999755859375);
        Tensor bf = Tensor.zeros(DType.BFLOAT16, 1);
        bf.setDouble(0, 1.0 / 3);
        assertThat(bf.getDouble(0)).isEqualTo(0.333984375);
    }

    @Test
    void reshapeSharesTheArrayAndChecksTheElementCount() {
        Tensor t = Tensor.of(new long[] {1, 2, 3, 4}, 4);
        Tensor r = t.reshape(2, 2);
        assertThat(r.longs()).isSameAs(t.longs());
        assertThatThrownBy(() -> t.reshape(3)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot reshape [4]");
    }

    @Test
    void shapesTooLargeForAnArrayAreRefused() {
        assertThatThrownBy(() -> Shape.of(65536, 65536)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("more elements than a Java array");
        assertThat(Shape.of(65536, 65536, 0).size()).isZero();
    }

    @Test
    void onnxCodesRoundTrip() {
        for (DType t : DType.values()) {
            assertThat(DType.fromOnnx(t.onnxCode())).isEqualTo(t);
        }
        assertThat(DType.fromOnnx(1)).isEqualTo(DType.FLOAT32);
        assertThat(DType.fromOnnx(7)).isEqualTo(DType.INT64);
    }
}
