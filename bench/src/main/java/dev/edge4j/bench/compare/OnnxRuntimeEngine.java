package dev.edge4j.bench.compare;

import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Shape;
import dev.edge4j.core.tensor.Tensor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * ONNX Runtime (CPU provider) on the same model and inputs, driven through reflection so that
 * Edge4j builds and runs without it (see {@link OnnxRuntimeLibrary}). Intra-op threads are set to
 * the thread count Edge4j uses, inter-op threads to one, execution sequential, all graph
 * optimizations on: ONNX Runtime's default configuration for latency.
 */
public final class OnnxRuntimeEngine implements Engine {
    private final Object session;
    private final Map<String, Object> feeds = new LinkedHashMap<>();
    private final Method run;
    private final Method resultClose;
    private final Method tensorClose;

    public OnnxRuntimeEngine(Path model, Map<String, Tensor> inputs, int threads) {
        ClassLoader cl = OnnxRuntimeLibrary.loader();
        try {
            Class<?> envClass = Class.forName("ai.onnxruntime.OrtEnvironment", true, cl);
            Class<?> optsClass = Class.forName("ai.onnxruntime.OrtSession$SessionOptions", true, cl);
            Class<?> sessionClass = Class.forName("ai.onnxruntime.OrtSession", true, cl);
            Class<?> tensorClass = Class.forName("ai.onnxruntime.OnnxTensor", true, cl);
            Class<?> resultClass = Class.forName("ai.onnxruntime.OrtSession$Result", true, cl);
            Object env = envClass.getMethod("getEnvironment").invoke(null);
            Object opts = optsClass.getConstructor().newInstance();
            optsClass.getMethod("setIntraOpNumThreads", int.class).invoke(opts, threads);
            optsClass.getMethod("setInterOpNumThreads", int.class).invoke(opts, 1);
            Class<?> mode = Class.forName("ai.onnxruntime.OrtSession$SessionOptions$ExecutionMode", true, cl);
            optsClass.getMethod("setExecutionMode", mode).invoke(opts, enumConstant(mode, "SEQUENTIAL"));
            Class<?> level = Class.forName("ai.onnxruntime.OrtSession$SessionOptions$OptLevel", true, cl);
            optsClass.getMethod("setOptimizationLevel", level).invoke(opts, enumConstant(level, "ALL_OPT"));
            session = envClass.getMethod("createSession", String.class, optsClass).invoke(env, model.toString(), opts);
            Class<?> javaType = Class.forName("ai.onnxruntime.OnnxJavaType", true, cl);
            for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
                feeds.put(e.getKey(), tensor(env, envClass, tensorClass, javaType, e.getValue()));
            }
            run = sessionClass.getMethod("run", Map.class);
            resultClose = resultClass.getMethod("close");
            tensorClose = tensorClass.getMethod("close");
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new OnnxRuntimeLibrary.NotAvailableException("ONNX Runtime could not load " + model + ": "
                    + cause(e), e);
        }
    }

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public void run() {
        try {
            resultClose.invoke(run.invoke(session, feeds));
        } catch (ReflectiveOperationException e) {
            throw new OnnxRuntimeLibrary.NotAvailableException("ONNX Runtime failed: " + cause(e), e);
        }
    }

    @Override
    public Map<String, Tensor> outputs() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try {
            Object result = run.invoke(session, feeds);
            try {
                for (Object entry : (Iterable<?>) result) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) entry;
                    Object value = e.getValue();
                    Method floats = value.getClass().getMethod("getFloatBuffer");
                    FloatBuffer fb = (FloatBuffer) floats.invoke(value);
                    if (fb == null) {
                        continue;
                    }
                    Object info = value.getClass().getMethod("getInfo").invoke(value);
                    long[] dims = (long[]) info.getClass().getMethod("getShape").invoke(info);
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    out.put((String) e.getKey(), Tensor.wrap(DType.FLOAT32, Shape.of(dims), data));
                }
            } finally {
                resultClose.invoke(result);
            }
        } catch (ReflectiveOperationException e) {
            throw new OnnxRuntimeLibrary.NotAvailableException("ONNX Runtime failed: " + cause(e), e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            for (Object t : feeds.values()) {
                tensorClose.invoke(t);
            }
            session.getClass().getMethod("close").invoke(session);
        } catch (ReflectiveOperationException e) {
            throw new OnnxRuntimeLibrary.NotAvailableException("ONNX Runtime failed to close: " + cause(e), e);
        }
    }

    private static Object tensor(Object env, Class<?> envClass, Class<?> tensorClass, Class<?> javaType, Tensor t)
            throws ReflectiveOperationException {
        long[] shape = t.shape().toLongArray();
        return switch (t.dtype()) {
            case FLOAT32 -> tensorClass.getMethod("createTensor", envClass, FloatBuffer.class, long[].class)
                    .invoke(null, env, FloatBuffer.wrap(t.floats()), shape);
            case FLOAT64 -> tensorClass.getMethod("createTensor", envClass, DoubleBuffer.class, long[].class)
                    .invoke(null, env, DoubleBuffer.wrap(t.doubles()), shape);
            case INT64 -> tensorClass.getMethod("createTensor", envClass, LongBuffer.class, long[].class)
                    .invoke(null, env, LongBuffer.wrap(t.longs()), shape);
            case INT32 -> tensorClass.getMethod("createTensor", envClass, IntBuffer.class, long[].class)
                    .invoke(null, env, IntBuffer.wrap(t.ints()), shape);
            case INT8, UINT8 -> tensorClass.getMethod("createTensor", envClass, ByteBuffer.class, long[].class, javaType)
                    .invoke(null, env, ByteBuffer.wrap(t.bytes()), shape,
                            enumConstant(javaType, t.dtype() == DType.INT8 ? "INT8" : "UINT8"));
            case BOOL -> {
                boolean[] z = t.booleans();
                byte[] b = new byte[z.length];
                for (int i = 0; i < z.length; i++) {
                    b[i] = (byte) (z[i] ? 1 : 0);
                }
                yield tensorClass.getMethod("createTensor", envClass, ByteBuffer.class, long[].class, javaType)
                        .invoke(null, env, ByteBuffer.wrap(b), shape, enumConstant(javaType, "BOOL"));
            }
            default -> throw new OnnxRuntimeLibrary.NotAvailableException("comparing with ONNX Runtime on "
                    + t.dtype() + " inputs is not supported", null);
        };
    }

    private static Object enumConstant(Class<?> type, String name) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException(type.getName() + " has no constant " + name);
    }

    private static String cause(Throwable e) {
        Throwable c = e;
        while ((c instanceof InvocationTargetException || c.getCause() != null && c.getMessage() == null)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return Optional.ofNullable(c.getMessage()).orElse(c.getClass().getSimpleName());
    }
}
