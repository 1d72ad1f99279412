package dev.edge4j.vision.runtime;

import dev.edge4j.core.Parallel;
import dev.edge4j.onnx.OnnxModel;
import dev.edge4j.onnx.OnnxOptions;

/**
 * Edge4j's own ONNX engine, the default. The models one loader opens share one thread pool, so a
 * pipeline of five models runs on {@code threads} threads, not five times as many; the pool
 * closes with the last of them.
 */
public final class Edge4jEngine implements EngineProvider {
    @Override
    public String name() {
        return Engines.DEFAULT;
    }

    @Override
    public ModelLoader loader(int threads) {
        return new SharedPool(threads)::load;
    }

    /** One pool for every model of a loader, counted so the last close shuts it. */
    private static final class SharedPool {
        private final int threads;
        private Parallel pool;
        private int open;

        SharedPool(int threads) {
            this.threads = threads;
        }

        synchronized ModelRunner load(java.nio.file.Path file) {
            if (pool == null) {
                pool = Parallel.of(threads);
            }
            OnnxModel model;
            try {
                model = OnnxModel.load(file, OnnxOptions.defaults().withParallel(pool));
            } catch (RuntimeException e) {
                if (open == 0) {
                    pool.close();
                    pool = null;
                }
                throw e;
            }
            open++;
            return new OnnxRunner(model, file.getFileName().toString(), this::release);
        }

        private synchronized void release() {
            if (--open == 0) {
                pool.close();
                pool = null;
            }
        }
    }
}
