package dev.edge4j.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * The one thread pool of an Edge4j process, sized by {@code --threads}. Kernels split their work
 * into tasks with {@link #forEach}; the calling thread takes part, so a pool of N threads runs N
 * tasks at once with N-1 workers.
 *
 * <p>Workers spin briefly before parking because kernels post many short jobs in a row (one per
 * layer); waking a parked thread costs tens of microseconds, which would dominate a small matmul.
 * A call made while the pool is busy (a concurrent model run, or a nested call from a task) runs
 * its tasks inline on the calling thread: always correct, never a deadlock.
 */
public final class Parallel implements AutoCloseable {
    private static final int SPIN_ITERATIONS = 20_000;

    private final int threads;
    private final Thread[] workers;
    private final ReentrantLock busy = new ReentrantLock();
    private volatile Job job;
    private volatile long generation;
    private volatile boolean closed;

    private Parallel(int threads) {
        if (threads < 1) {
            throw new InvalidInputException("thread count must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            int self = i + 1;
            Thread t = new Thread(() -> workerLoop(self), "edge4j-worker-" + self);
            t.setDaemon(true);
            workers[i] = t;
            t.start();
        }
    }

    /** A pool of {@code threads} threads in all, the caller included. */
    public static Parallel of(int threads) {
        return new Parallel(threads);
    }

    /** A pool that runs everything on the calling thread. */
    public static Parallel sequential() {
        return new Parallel(1);
    }

    /** A pool with one thread per physical core. */
    public static Parallel ofPhysicalCores() {
        return new Parallel(physicalCores());
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code body.accept(i)} once for every i in [0, tasks), spread over the pool. */
    public void forEach(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (tasks == 1 || threads == 1 || isWorkerThread() || !busy.tryLock()) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            if (closed) {
                throw new IllegalStateException("the thread pool is closed");
            }
            Job j = new Job(tasks, threads, body, Thread.currentThread());
            job = j;
            generation++;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            j.work(0);
            j.awaitDone();
            Throwable error = j.error.get();
            if (error instanceof RuntimeException re) {
                throw re;
            }
            if (error instanceof Error e) {
                throw e;
            }
            if (error != null) {
                throw new IllegalStateException(error);
            }
        } finally {
            job = null;
            busy.unlock();
        }
    }

    /**
     * Splits [0, n) into about {@code threads * oversubscribe} contiguous ranges of at least
     * {@code minChunk} items and runs {@code body.run(start, end)} on each.
     */
    public void forRange(int n, int minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int maxChunks = Math.max(1, n / Math.max(1, minChunk));
        int chunks = Math.min(maxChunks, threads == 1 ? 1 : threads * 4);
        if (chunks == 1) {
            body.run(0, n);
            return;
        }
        int base = n / chunks;
        int extra = n % chunks;
        forEach(chunks, c -> {
            int start = c * base + Math.min(c, extra);
            int end = start + base + (c < extra ? 1 : 0);
            body.run(start, end);
        });
    }

    /** The body of {@link #forRange}: processes the items in [start, end). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int start, int end);
    }

    private boolean isWorkerThread() {
        Thread current = Thread.currentThread();
        for (Thread w : workers) {
            if (w == current) {
                return true;
            }
        }
        return false;
    }

    private void workerLoop(int self) {
        long seen = 0;
        while (!closed) {
            long g = generation;
            if (g != seen) {
                seen = g;
                Job j = job;
                if (j != null) {
                    j.work(self);
                }
                continue;
            }
            boolean woke = false;
            for (int i = 0; i < SPIN_ITERATIONS; i++) {
                if (generation != seen || closed) {
                    woke = true;
                    break;
                }
                Thread.onSpinWait();
            }
            if (!woke) {
                LockSupport.park(this);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }

    /** Physical cores of this machine (hyper-threads share a core's vector units, so count once). */
    public static int physicalCores() {
        int logical = Runtime.getRuntime().availableProcessors();
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            Set<String> cores = new HashSet<>();
            String physical = "0";
            for (String line : lines) {
                if (line.startsWith("physical id")) {
                    physical = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("core id")) {
                    cores.add(physical + "/" + line.substring(line.indexOf(':') + 1).trim());
                }
            }
            if (!cores.isEmpty()) {
                return Math.max(1, Math.min(cores.size(), logical));
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc unreadable: the logical count is the best we know.
        }
        return Math.max(1, logical);
    }

    /**
     * One {@link #forEach} call. The tasks are cut into one contiguous share per thread, and each
     * thread runs its own share first (then helps with the others'): consecutive layers split the
     * same way then find the data a thread wrote in the last layer in that thread's core's cache,
     * where taking tasks in arrival order would scatter it over both cores on every layer.
     */
    private static final class Job {
        /** Ints between two shares' cursors, so that the cursors sit in different cache lines. */
        private static final int PAD = 16;
        final int tasks;
        final int shares;
        final IntConsumer body;
        final Thread caller;
        final AtomicIntegerArray next;
        final AtomicInteger done = new AtomicInteger();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        Job(int tasks, int threads, IntConsumer body, Thread caller) {
            this.tasks = tasks;
            this.shares = Math.min(tasks, threads);
            this.body = body;
            this.caller = caller;
            this.next = new AtomicIntegerArray(shares * PAD);
            for (int s = 0; s < shares; s++) {
                next.set(s * PAD, start(s));
            }
        }

        private int start(int share) {
            return (int) ((long) tasks * share / shares);
        }

        /** Runs tasks as participant {@code self} (0 is the caller): its own share, then what is left of the others. */
        void work(int self) {
            for (int k = 0; k < shares; k++) {
                int s = (self + k) % shares;
                int end = start(s + 1);
                int i;
                while ((i = next.getAndIncrement(s * PAD)) < end) {
                    try {
                        if (error.get() == null) {
                            body.accept(i);
                        }
                    } catch (Throwable t) {
                        error.compareAndSet(null, t);
                    } finally {
                        if (done.incrementAndGet() == tasks) {
                            LockSupport.unpark(caller);
                        }
                    }
                }
            }
        }

        void awaitDone() {
            int spins = 0;
            while (done.get() < tasks) {
                if (spins++ < SPIN_ITERATIONS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(this, 100_000);
                }
            }
        }
    }
}
