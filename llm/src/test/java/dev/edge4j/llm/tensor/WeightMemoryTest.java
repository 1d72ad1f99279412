package dev.edge4j.llm.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.gguf.GgmlType;
import dev.edge4j.llm.quant.Quantizer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The memory weight copies live in, and matrices over such copies. */
class WeightMemoryTest {

    @Test
    void piecesAreAlignedAndKeepTheirOwnBytes() {
        // Small pieces share a region; 300 MB is larger than one and gets its own.
        long[] sizes = {1, 63, 4101, 3 << 20, 300L << 20, 17, 64};
        WeightMemory memory = new WeightMemory(400L << 20);
        MemorySegment[] pieces = new MemorySegment[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            pieces[i] = memory.allocate(sizes[i]);
            assertThat(pieces[i].byteSize()).isEqualTo(sizes[i]);
            assertThat(pieces[i].address() % 64).as("address of piece %d", i).isZero();
            pieces[i].fill((byte) (i + 1));
        }
        for (int i = 0; i < sizes.length; i++) {
            for (long at : new long[] {0, sizes[i] / 2, sizes[i] - 1}) {
                assertThat(pieces[i].get(ValueLayout.JAVA_BYTE, at)).as("piece %d byte %d", i, at).isEqualTo((byte) (i + 1));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(KernelTest.Type.class)
    void aCopiedMatrixComputesTheSameFromItsOwnBytes(KernelTest.Type type) {
        Random random = new Random(type.ordinal() * 31L + 5);
        int rows = 7;
        int cols = 5 * type.blockSize();
        MemorySegment data = Quantizer.quantize(type.ggml, KernelTest.gaussian(random, rows * cols));
        WeightMatrix inPlace = WeightMatrix.of("w", type.ggml, rows, cols, data);
        WeightMatrix copied = WeightMatrix.copyOf("w", type.ggml, rows, cols, data,
                destination -> destination.copyFrom(data.asSlice(0, destination.byteSize())), new WeightMemory(3L << 20));
        Activation x = new Activation(cols);
        System.arraycopy(KernelTest.gaussian(random, cols), 0, x.values(), 0, cols);
        x.changed();
        x.prepare(copied.inputFormat());
        float[] before = new float[rows];
        float[] expected = new float[rows];
        copied.matvec(x, before, 0, 0, rows);
        inPlace.matvec(x, expected, 0, 0, rows);
        assertThat(before).isEqualTo(expected);

        data.fill((byte) 0);
        float[] after = new float[rows];
        copied.matvec(x, after, 0, 0, rows);
        assertThat(after).as("products after the file's bytes were cleared").isEqualTo(expected);
    }

    @Test
    void aBadTensorFailsBeforeAnythingIsCopied() {
        MemorySegment data = MemorySegment.ofArray(new byte[34 * 4]);
        WeightMatrix.Source never = destination -> {
            throw new AssertionError("copied a tensor that failed its checks");
        };
        assertThatThrownBy(() -> WeightMatrix.copyOf("blk.0.ffn_up.weight", GgmlType.Q8_0, 2, 48, data, never, new WeightMemory(0)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("blk.0.ffn_up.weight").hasMessageContaining("48");
        assertThatThrownBy(() -> WeightMatrix.copyOf("output.weight", GgmlType.Q8_0, 5, 32, data, never, new WeightMemory(0)))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("output.weight").hasMessageContaining("136 bytes");
    }
}
