package dev.edge4j.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("kernel")
class BinaryF32Test {
    @Test
    void everyOperationMatchesItsReferenceForEveryStridePattern() {
        Random rnd = new Random();
        for (BinaryF32 op : BinaryF32.values()) {
            for (int n : new int[] {1, 3, 16, 17, 31, 101, 1031}) {
                for (int[] st : new int[][] {{1, 1}, {1, 0}, {0, 1}, {0, 0}}) {
                    float[] a = new float[n + 3];
                    float[] b = new float[n + 5];
                    for (int i = 0; i < a.length; i++) {
                        a[i] = rnd.nextFloat() * 4 - 2;
                    }
                    for (int i = 0; i < b.length; i++) {
                        b[i] = rnd.nextFloat() * 4 - 2 + (op == BinaryF32.DIV ? 3 : 0);
                    }
                    float[] got = new float[n + 2];
                    float[] want = new float[n + 2];
                    op.run(a, 3, st[0], b, 5, st[1], got, 2, n);
                    op.reference(a, 3, st[0], b, 5, st[1], want, 2, n);
                    assertThat(got).as("%s n=%d strides %d,%d", op, n, st[0], st[1]).containsExactly(want);
                }
            }
        }
    }

    @Test
    void maxAndMinPropagateNaN() {
        float[] a = {Float.NaN, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};
        float[] b = new float[a.length];
        float[] out = new float[a.length];
        BinaryF32.MAX.run(a, 0, 1, b, 0, 1, out, 0, a.length);
        assertThat(out[0]).isNaN();
        BinaryF32.MIN.run(a, 0, 1, b, 0, 1, out, 0, a.length);
        assertThat(out[0]).isNaN();
    }
}
