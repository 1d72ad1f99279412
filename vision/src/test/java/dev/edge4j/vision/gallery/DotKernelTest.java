package dev.edge4j.vision.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("kernel")
class DotKernelTest {
    @ParameterizedTest(name = "{0} rows x {1}")
    @CsvSource({
        "1, 1", "1, 512", "3, 7", "4, 16", "5, 17", "13, 31", "97, 512", "101, 513", "8, 1023",
        // 32768 x 512 floats = 64 MB: larger than any cache.
        "32768, 512"})
    void vectorMatchesTheScalarReference(int rows, int dim) {
        Random rnd = new Random(31L * rows + dim + System.nanoTime());
        float[] m = new float[rows * dim];
        float[] q = new float[dim];
        for (int i = 0; i < m.length; i++) {
            m[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < dim; i++) {
            q[i] = (float) rnd.nextGaussian();
        }
        float[] fast = new float[rows];
        float[] ref = new float[rows];
        DotKernel.scores(m, dim, q, 0, rows, fast);
        DotKernel.scoresScalar(m, dim, q, 0, rows, ref);
        // Float accumulation in another order: error grows like sqrt(dim) times the terms' size.
        float tol = 1e-5f * dim + 1e-4f;
        for (int r = 0; r < rows; r++) {
            assertThat(Math.abs(fast[r] - ref[r])).as("row %d", r).isLessThanOrEqualTo(tol);
        }
    }

    @ParameterizedTest(name = "rows [{0}, {1})")
    @CsvSource({"0, 1", "3, 10", "5, 6", "1, 9"})
    void subRangesWriteFromTheStartOfOut(int from, int to) {
        int dim = 9;
        Random rnd = new Random(from * 7L + to);
        float[] m = new float[10 * dim];
        float[] q = new float[dim];
        for (int i = 0; i < m.length; i++) {
            m[i] = rnd.nextFloat();
        }
        for (int i = 0; i < dim; i++) {
            q[i] = rnd.nextFloat();
        }
        float[] fast = new float[to - from];
        float[] ref = new float[to - from];
        DotKernel.scores(m, dim, q, from, to, fast);
        DotKernel.scoresScalar(m, dim, q, from, to, ref);
        for (int i = 0; i < fast.length; i++) {
            assertThat(fast[i]).isCloseTo(ref[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }
}
