package dev.edge4j.llm.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edge4j.core.Parallel;
import org.junit.jupiter.api.Test;

class RowSplitTest {
    @Test
    void tasksCoverEveryUnitOnceAndShrinkTowardsTheEndOfEachShare() {
        for (int threads : new int[] {1, 2, 3, 4}) {
            try (Parallel pool = Parallel.of(threads)) {
                for (int units : new int[] {1, 2, 3, 7, 37, 1000, 151936}) {
                    for (long bytes : new long[] {0, 1 << 10, 10L << 20, 145L << 20}) {
                        RowSplit split = RowSplit.of(pool, bytes, units);
                        String what = units + " units, " + bytes + " bytes, " + threads + " threads";
                        assertThat(split.start(0)).as(what).isZero();
                        assertThat(split.end(split.tasks() - 1)).as(what).isEqualTo(units);
                        for (int t = 0; t < split.tasks(); t++) {
                            assertThat(split.end(t)).as(what + ", task " + t).isGreaterThanOrEqualTo(split.start(t));
                            if (t > 0) {
                                assertThat(split.start(t)).as(what + ", task " + t).isEqualTo(split.end(t - 1));
                            }
                            int j = t % split.perThread();
                            if (j > 0 && j < split.perThread() - 1) {
                                int size = split.end(t) - split.start(t);
                                assertThat(size).as(what + ", task " + t).isLessThanOrEqualTo(split.end(t - 1) - split.start(t - 1));
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void aLargeMatrixEndsOnTasksOfTensOfKilobytes() {
        try (Parallel pool = Parallel.of(2)) {
            // A Qwen2.5-0.5B output head: 151936 rows, 145 MB of Q8_0.
            RowSplit head = RowSplit.of(pool, 145L << 20, 151936);
            int last = head.tasks() - 1;
            long lastBytes = (145L << 20) / 151936 * (head.end(last) - head.start(last));
            assertThat(lastBytes).isBetween(32L << 10, 128L << 10);
            // A matrix of a few kilobytes is one task per thread.
            assertThat(RowSplit.of(pool, 4 << 10, 64).tasks()).isEqualTo(2);
        }
    }
}
