package dev.edge4j.llm.reference;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * A minimal binding of llama.cpp's C API (libllama) through FFM, to get reference logits: load
 * a model, evaluate a batch of tokens with logits at every position, read them back. Only the
 * reference generator uses it; the runtime never does.
 *
 * <p>Struct offsets are those of the llama.h this was written against; each field set is first
 * checked to hold its documented default, so a different llama.cpp fails here rather than
 * running with a silently wrong configuration.
 */
final class LlamaCpp implements AutoCloseable {
    private static final long MODEL_PARAMS_SIZE = 80;
    private static final long CONTEXT_PARAMS_SIZE = 160;
    private static final long N_CTX = 0;
    private static final long N_BATCH = 4;
    private static final long N_UBATCH = 8;
    private static final long N_THREADS = 28;
    private static final long N_THREADS_BATCH = 32;
    private static final long FLASH_ATTN_TYPE = 52;
    private static final long TYPE_K = 104;
    private static final long TYPE_V = 108;
    private static final int GGML_TYPE_F32 = 0;
    private static final int GGML_TYPE_F16 = 1;

    private static final MemoryLayout MODEL_PARAMS = MemoryLayout.structLayout(MemoryLayout.sequenceLayout(MODEL_PARAMS_SIZE / 8, ValueLayout.JAVA_LONG));
    private static final MemoryLayout CONTEXT_PARAMS = MemoryLayout.structLayout(MemoryLayout.sequenceLayout(CONTEXT_PARAMS_SIZE / 8, ValueLayout.JAVA_LONG));
    /** llama_batch: n_tokens, then token, embd, pos, n_seq_id, seq_id, logits pointers. */
    private static final MemoryLayout BATCH = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT, MemoryLayout.paddingLayout(4),
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS);

    private final Arena arena = Arena.ofConfined();
    private final MethodHandle modelDefaultParams;
    private final MethodHandle contextDefaultParams;
    private final MethodHandle loadModel;
    private final MethodHandle initContext;
    private final MethodHandle batchInit;
    private final MethodHandle batchFree;
    private final MethodHandle decode;
    private final MethodHandle getLogitsIth;
    private final MethodHandle freeContext;
    private final MethodHandle freeModel;

    LlamaCpp(Path libraryDir) {
        Linker linker = Linker.nativeLinker();
        System.load(libraryDir.resolve("libggml-base.so").toAbsolutePath().toString());
        System.load(libraryDir.resolve("libggml.so").toAbsolutePath().toString());
        SymbolLookup lib = SymbolLookup.libraryLookup(libraryDir.resolve("libllama.so"), arena);
        MethodHandle backendInit = linker.downcallHandle(lib.findOrThrow("llama_backend_init"), FunctionDescriptor.ofVoid());
        modelDefaultParams = linker.downcallHandle(lib.findOrThrow("llama_model_default_params"), FunctionDescriptor.of(MODEL_PARAMS));
        contextDefaultParams = linker.downcallHandle(lib.findOrThrow("llama_context_default_params"), FunctionDescriptor.of(CONTEXT_PARAMS));
        loadModel = linker.downcallHandle(lib.findOrThrow("llama_model_load_from_file"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, MODEL_PARAMS));
        initContext = linker.downcallHandle(lib.findOrThrow("llama_init_from_model"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, CONTEXT_PARAMS));
        batchInit = linker.downcallHandle(lib.findOrThrow("llama_batch_init"),
                FunctionDescriptor.of(BATCH, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        batchFree = linker.downcallHandle(lib.findOrThrow("llama_batch_free"), FunctionDescriptor.ofVoid(BATCH));
        decode = linker.downcallHandle(lib.findOrThrow("llama_decode"),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, BATCH));
        getLogitsIth = linker.downcallHandle(lib.findOrThrow("llama_get_logits_ith"),
                FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        freeContext = linker.downcallHandle(lib.findOrThrow("llama_free"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        freeModel = linker.downcallHandle(lib.findOrThrow("llama_model_free"), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        try {
            backendInit.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** A loaded model with one context: F32 KV cache, no flash attention, all logits kept. */
    final class Model implements AutoCloseable {
        private final MemorySegment model;
        private final MemorySegment ctx;
        private final int vocab;
        private int position;

        Model(Path file, int vocab, int contextLength, int threads) throws Throwable {
            this.vocab = vocab;
            MemorySegment mp = (MemorySegment) modelDefaultParams.invokeExact((java.lang.foreign.SegmentAllocator) arena);
            model = (MemorySegment) loadModel.invokeExact(arena.allocateFrom(file.toString()), mp);
            if (model.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("llama.cpp could not load " + file);
            }
            MemorySegment cp = (MemorySegment) contextDefaultParams.invokeExact((java.lang.foreign.SegmentAllocator) arena);
            expect(cp, N_BATCH, 2048, "n_batch");
            expect(cp, N_UBATCH, 512, "n_ubatch");
            expect(cp, TYPE_K, GGML_TYPE_F16, "type_k");
            expect(cp, TYPE_V, GGML_TYPE_F16, "type_v");
            expect(cp, FLASH_ATTN_TYPE, -1, "flash_attn_type");
            cp.set(ValueLayout.JAVA_INT, N_CTX, contextLength);
            cp.set(ValueLayout.JAVA_INT, N_BATCH, contextLength);
            cp.set(ValueLayout.JAVA_INT, N_UBATCH, contextLength);
            cp.set(ValueLayout.JAVA_INT, N_THREADS, threads);
            cp.set(ValueLayout.JAVA_INT, N_THREADS_BATCH, threads);
            cp.set(ValueLayout.JAVA_INT, TYPE_K, GGML_TYPE_F32);
            cp.set(ValueLayout.JAVA_INT, TYPE_V, GGML_TYPE_F32);
            cp.set(ValueLayout.JAVA_INT, FLASH_ATTN_TYPE, 0);
            ctx = (MemorySegment) initContext.invokeExact(model, cp);
            if (ctx.equals(MemorySegment.NULL)) {
                throw new IllegalStateException("llama.cpp could not create a context for " + file);
            }
        }

        /** Evaluates {@code tokens} after those already seen; returns the logits after each. */
        float[][] evaluate(int[] tokens) throws Throwable {
            MemorySegment batch = (MemorySegment) batchInit.invokeExact((java.lang.foreign.SegmentAllocator) arena,
                    tokens.length, 0, 1);
            try {
                MemorySegment token = batch.get(ValueLayout.ADDRESS, 8).reinterpret(4L * tokens.length);
                MemorySegment pos = batch.get(ValueLayout.ADDRESS, 24).reinterpret(4L * tokens.length);
                MemorySegment nSeq = batch.get(ValueLayout.ADDRESS, 32).reinterpret(4L * tokens.length);
                MemorySegment seqIds = batch.get(ValueLayout.ADDRESS, 40).reinterpret(8L * tokens.length);
                MemorySegment logits = batch.get(ValueLayout.ADDRESS, 48).reinterpret(tokens.length);
                for (int i = 0; i < tokens.length; i++) {
                    token.setAtIndex(ValueLayout.JAVA_INT, i, tokens[i]);
                    pos.setAtIndex(ValueLayout.JAVA_INT, i, position + i);
                    nSeq.setAtIndex(ValueLayout.JAVA_INT, i, 1);
                    seqIds.getAtIndex(ValueLayout.ADDRESS, i).reinterpret(4).set(ValueLayout.JAVA_INT, 0, 0);
                    logits.set(ValueLayout.JAVA_BYTE, i, (byte) 1);
                }
                batch.set(ValueLayout.JAVA_INT, 0, tokens.length);
                int rc = (int) decode.invokeExact(ctx, batch);
                if (rc != 0) {
                    throw new IllegalStateException("llama_decode failed: " + rc);
                }
                position += tokens.length;
                float[][] out = new float[tokens.length][];
                for (int i = 0; i < tokens.length; i++) {
                    MemorySegment row = ((MemorySegment) getLogitsIth.invokeExact(ctx, i)).reinterpret(4L * vocab);
                    out[i] = row.toArray(ValueLayout.JAVA_FLOAT);
                }
                return out;
            } finally {
                batchFree.invokeExact(batch);
            }
        }

        @Override
        public void close() {
            try {
                freeContext.invokeExact(ctx);
                freeModel.invokeExact(model);
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static void expect(MemorySegment params, long offset, int value, String field) {
        int actual = params.get(ValueLayout.JAVA_INT, offset);
        if (actual != value) {
            throw new IllegalStateException("llama_context_params." + field + " defaults to " + actual + ", expected "
                    + value + ": this llama.cpp's struct layout differs from the one this binding knows");
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
