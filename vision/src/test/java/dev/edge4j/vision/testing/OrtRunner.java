package dev.edge4j.vision.testing;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edge4j.vision.runtime.FloatTensor;
import dev.edge4j.vision.runtime.ModelRunner;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** ONNX Runtime behind the pipeline's model interface: the oracle our engine is compared with. */
public final class OrtRunner implements ModelRunner {
    private static volatile boolean sharedThreads;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;

    /**
     * Makes every session of this process share one pool of {@code threads} threads, as Edge4j's
     * models share its pool. Without it each session keeps its own pool, whose idle threads spin
     * while the next model runs, and a pipeline of four models oversubscribes a small machine.
     * Call before anything else uses ONNX Runtime.
     */
    public static synchronized void useSharedThreads(int threads) {
        try (OrtEnvironment.ThreadingOptions t = new OrtEnvironment.ThreadingOptions()) {
            t.setGlobalIntraOpNumThreads(threads);
            t.setGlobalInterOpNumThreads(1);
            OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "edge4j-comparison", t);
            sharedThreads = true;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot share threads: " + e.getMessage(), e);
        }
    }

    public OrtRunner(Path model, int threads) {
        try {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            if (sharedThreads) {
                o.disablePerSessionThreads();
            } else {
                o.setIntraOpNumThreads(threads);
                o.setInterOpNumThreads(1);
            }
            o.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(model.toString(), o);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, FloatTensor> run(Map<String, FloatTensor> inputs) {
        Map<String, OnnxTensor> feeds = new HashMap<>();
        try {
            for (var e : inputs.entrySet()) {
                long[] shape = Arrays.stream(e.getValue().shape()).asLongStream().toArray();
                feeds.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().data()), shape));
            }
            try (OrtSession.Result r = session.run(feeds)) {
                Map<String, FloatTensor> out = new LinkedHashMap<>();
                for (var e : r) {
                    OnnxTensor t = (OnnxTensor) e.getValue();
                    int[] shape = Arrays.stream(t.getInfo().getShape()).mapToInt(Math::toIntExact).toArray();
                    FloatBuffer fb = t.getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    out.put(e.getKey(), new FloatTensor(shape, data));
                }
                return out;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        } finally {
            feeds.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}
