package dev.edge4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void everyTaskRunsExactlyOnce() {
        try (Parallel pool = Parallel.of(3)) {
            for (int tasks : new int[] {1, 2, 7, 97, 1000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(tasks);
                pool.forEach(tasks, hits::incrementAndGet);
                for (int i = 0; i < tasks; i++) {
                    assertThat(hits.get(i)).as("task %d of %d", i, tasks).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void rangesCoverTheWholeIntervalWithoutOverlap() {
        try (Parallel pool = Parallel.of(2)) {
            for (int n : new int[] {1, 5, 63, 1001}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                pool.forRange(n, 4, (start, end) -> {
                    for (int i = start; i < end; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < n; i++) {
                    assertThat(hits.get(i)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void aTaskFailureReachesTheCaller() {
        try (Parallel pool = Parallel.of(2)) {
            assertThatThrownBy(() -> pool.forEach(10, i -> {
                if (i == 7) {
                    throw new InvalidInputException("task 7 failed");
                }
            })).isInstanceOf(InvalidInputException.class).hasMessage("task 7 failed");
            // The pool still works afterwards.
            AtomicLong sum = new AtomicLong();
            pool.forEach(10, sum::addAndGet);
            assertThat(sum.get()).isEqualTo(45);
        }
    }

    @Test
    void nestedAndConcurrentCallsComplete() throws Exception {
        try (Parallel pool = Parallel.of(2)) {
            AtomicLong sum = new AtomicLong();
            Thread other = new Thread(() -> {
                for (int r = 0; r < 200; r++) {
                    pool.forEach(8, i -> sum.addAndGet(1));
                }
            });
            other.start();
            for (int r = 0; r < 200; r++) {
                pool.forEach(4, i -> pool.forEach(4, j -> sum.addAndGet(1)));
            }
            other.join();
            assertThat(sum.get()).isEqualTo(200L * 8 + 200L * 16);
        }
    }

    @Test
    void rejectsZeroThreads() {
        assertThatThrownBy(() -> Parallel.of(0)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("at least 1");
    }
}
