package dev.edge4j.llm.model;

import dev.edge4j.core.Parallel;
import dev.edge4j.core.Progress;
import dev.edge4j.gguf.GgmlType;
import dev.edge4j.gguf.GgufMetadata;
import dev.edge4j.gguf.GgufValue;
import dev.edge4j.gguf.GgufWriter;
import dev.edge4j.llm.quant.QuantScheme;
import dev.edge4j.llm.quant.Quantizer;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a model of a real architecture and a real vocabulary with random weights: the test
 * subject of the reference comparisons, and a benchmark model where no real one is at hand. The
 * weights are a pure function of the seed and tensor name, so the same shape, seed and scheme
 * give the same file on every machine.
 *
 * <p>Weights are uniform with the spread of a trained model (matrix rows of unit norm on
 * average, norms near 1), so activations and logits have realistic magnitudes.
 */
public final class RandomModel {
    private RandomModel() {}

    /**
     * The shape of a random model.
     *
     * @param biases Q/K/V biases (qwen2)
     * @param llama3Rope write llama3 RoPE frequency factors (factor 8, original context 8192)
     */
    public record Shape(String architecture, int layers, int dim, int ffnDim, int heads, int kvHeads, int headDim,
                        boolean tiedEmbeddings, boolean biases, float ropeBase, boolean llama3Rope, int context) {

        /** 2 layers, dim 64: the tiny test size. */
        public static Shape tiny(String architecture) {
            return forTest(architecture, 64, 128, 4, 2, "qwen3".equals(architecture) ? 32 : 16);
        }

        /** 2 layers, dim 256: big enough for K-quants (rows of 256). */
        public static Shape small(String architecture) {
            return forTest(architecture, 256, 512, 8, 2, "qwen3".equals(architecture) ? 64 : 32);
        }

        private static Shape forTest(String arch, int dim, int ffn, int heads, int kvHeads, int headDim) {
            return switch (arch) {
                case "llama3" -> new Shape("llama", 2, dim, ffn, heads, kvHeads, headDim, false, false, 500000f, true, 8192);
                case "llama2" -> new Shape("llama", 2, dim, ffn, heads, heads, headDim, false, false, 10000f, false, 4096);
                case "qwen2" -> new Shape("qwen2", 2, dim, ffn, heads, kvHeads, headDim, true, true, 1000000f, false, 32768);
                case "qwen3" -> new Shape("qwen3", 2, dim, ffn, heads, kvHeads, headDim, true, false, 1000000f, false, 40960);
                default -> throw new IllegalArgumentException("no test shape for " + arch
                        + " (known: llama3, llama2, qwen2, qwen3)");
            };
        }

        /** The shapes of Qwen2.5-0.5B: 24 layers, dim 896, 14 heads sharing 2 KV heads, tied embeddings. */
        public static Shape qwen25_05b() {
            return new Shape("qwen2", 24, 896, 4864, 14, 2, 64, true, true, 1000000f, false, 32768);
        }
    }

    private record Tensor(String name, long[] dims, double spread, double center) {}

    /**
     * Writes the model to {@code out}: tokenizer metadata from {@code vocabulary} (every
     * {@code tokenizer.*} key), hyper-parameters from {@code shape}, tensors quantized per
     * {@code scheme}.
     */
    public static void write(Path out, Shape shape, GgufMetadata vocabulary, QuantScheme scheme, long seed,
                             Parallel pool, Progress progress) {
        int vocab = vocabulary.getStringList("tokenizer.ggml.tokens").size();
        String a = shape.architecture();
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", a);
        w.putString("general.name", "random " + a + " " + shape.layers() + "x" + shape.dim());
        w.putUInt32("general.file_type", scheme.fileType());
        w.putUInt32(a + ".block_count", shape.layers());
        w.putUInt32(a + ".context_length", shape.context());
        w.putUInt32(a + ".embedding_length", shape.dim());
        w.putUInt32(a + ".feed_forward_length", shape.ffnDim());
        w.putUInt32(a + ".attention.head_count", shape.heads());
        w.putUInt32(a + ".attention.head_count_kv", shape.kvHeads());
        if (shape.headDim() != shape.dim() / shape.heads()) {
            w.putUInt32(a + ".attention.key_length", shape.headDim());
            w.putUInt32(a + ".attention.value_length", shape.headDim());
        }
        w.putUInt32(a + ".rope.dimension_count", shape.headDim());
        w.putFloat32(a + ".rope.freq_base", shape.ropeBase());
        w.putFloat32(a + ".attention.layer_norm_rms_epsilon", 1e-6f);
        w.putUInt32(a + ".vocab_size", vocab);
        for (Map.Entry<String, GgufValue> e : vocabulary.asMap().entrySet()) {
            if (e.getKey().startsWith("tokenizer.")) {
                w.put(e.getKey(), e.getValue());
            }
        }

        List<Tensor> tensors = tensors(shape, vocab);
        long total = 0;
        for (Tensor t : tensors) {
            total += t.dims().length == 1 ? t.dims()[0] : t.dims()[0] * t.dims()[1];
        }
        progress.set(0);
        for (Tensor t : tensors) {
            GgmlType type = scheme.typeFor(t.name(), t.dims().length, t.dims()[0], shape.layers(), shape.tiedEmbeddings());
            if (!Quantizer.supports(type)) {
                throw new IllegalArgumentException("tensor " + t.name() + " would be " + type + ", which cannot be written");
            }
            w.addTensor(t.name(), type, t.dims(), target -> {
                fill(t, seed, type, target, pool);
                progress.add(t.dims().length == 1 ? t.dims()[0] : t.dims()[0] * t.dims()[1]);
            });
        }
        w.write(out);
    }

    private static List<Tensor> tensors(Shape s, int vocab) {
        List<Tensor> t = new ArrayList<>();
        int dim = s.dim();
        int q = s.heads() * s.headDim();
        int kv = s.kvHeads() * s.headDim();
        t.add(new Tensor("token_embd.weight", new long[] {dim, vocab}, 1.0, 0));
        t.add(new Tensor("output_norm.weight", new long[] {dim}, 0.2, 1));
        if (!s.tiedEmbeddings()) {
            t.add(new Tensor("output.weight", new long[] {dim, vocab}, 1 / Math.sqrt(dim), 0));
        }
        for (int i = 0; i < s.layers(); i++) {
            String p = "blk." + i + ".";
            t.add(new Tensor(p + "attn_norm.weight", new long[] {dim}, 0.2, 1));
            t.add(new Tensor(p + "attn_q.weight", new long[] {dim, q}, 1 / Math.sqrt(dim), 0));
            t.add(new Tensor(p + "attn_k.weight", new long[] {dim, kv}, 1 / Math.sqrt(dim), 0));
            t.add(new Tensor(p + "attn_v.weight", new long[] {dim, kv}, 1 / Math.sqrt(dim), 0));
            if (s.biases()) {
                t.add(new Tensor(p + "attn_q.bias", new long[] {q}, 0.1, 0));
                t.add(new Tensor(p + "attn_k.bias", new long[] {kv}, 0.1, 0));
                t.add(new Tensor(p + "attn_v.bias", new long[] {kv}, 0.1, 0));
            }
            if ("qwen3".equals(s.architecture())) {
                t.add(new Tensor(p + "attn_q_norm.weight", new long[] {s.headDim()}, 0.2, 1));
                t.add(new Tensor(p + "attn_k_norm.weight", new long[] {s.headDim()}, 0.2, 1));
            }
            t.add(new Tensor(p + "attn_output.weight", new long[] {q, dim}, 1 / Math.sqrt(q), 0));
            t.add(new Tensor(p + "ffn_norm.weight", new long[] {dim}, 0.2, 1));
            t.add(new Tensor(p + "ffn_gate.weight", new long[] {dim, s.ffnDim()}, 1 / Math.sqrt(dim), 0));
            t.add(new Tensor(p + "ffn_up.weight", new long[] {dim, s.ffnDim()}, 1 / Math.sqrt(dim), 0));
            t.add(new Tensor(p + "ffn_down.weight", new long[] {s.ffnDim(), dim}, 1 / Math.sqrt(s.ffnDim()), 0));
        }
        if (s.llama3Rope()) {
            t.add(new Tensor("rope_freqs.weight", new long[] {s.headDim() / 2}, Double.NaN, s.ropeBase()));
        }
        return t;
    }

    private static void fill(Tensor t, long seed, GgmlType type, MemorySegment target, Parallel pool) {
        long cols = t.dims()[0];
        long rows = t.dims().length == 1 ? 1 : t.dims()[1];
        if (Double.isNaN(t.spread())) {
            float[] f = llama3Factors((int) cols * 2, (float) t.center());
            Quantizer.quantize(type, f, 0, f.length, target, 0);
            return;
        }
        long rowBytes = type.bytesFor(cols);
        int rowsPerTask = (int) Math.max(1, Math.min(rows, (1 << 16) / cols));
        int tasks = (int) ((rows + rowsPerTask - 1) / rowsPerTask);
        long tensorSeed = seed * 0x9E3779B97F4A7C15L + t.name().hashCode();
        pool.forEach(tasks, task -> {
            long r0 = (long) task * rowsPerTask;
            int n = (int) Math.min(rowsPerTask, rows - r0);
            float[] values = new float[(int) (n * cols)];
            for (int r = 0; r < n; r++) {
                // One generator per row: the values do not depend on how rows are split into tasks.
                SplittableRandom random = new SplittableRandom(tensorSeed + (r0 + r) * 0x632BE59BD9B4E019L);
                double half = t.spread() * Math.sqrt(3);
                for (int i = 0; i < cols; i++) {
                    values[(int) (r * cols + i)] = (float) (t.center() + (random.nextDouble() * 2 - 1) * half);
                }
            }
            Quantizer.quantize(type, values, 0, values.length, target, r0 * rowBytes);
        });
    }

    /** Llama 3.1's RoPE frequency factors (factor 8, low 1, high 4, original context 8192). */
    static float[] llama3Factors(int dims, float base) {
        double factor = 8;
        double low = 1;
        double high = 4;
        double oldContext = 8192;
        double lowWavelen = oldContext / low;
        double highWavelen = oldContext / high;
        float[] out = new float[dims / 2];
        for (int i = 0; i < dims / 2; i++) {
            float freq = (float) (1.0 / Math.pow(base, (2.0 * i) / dims));
            double wavelen = 2 * Math.PI / freq;
            if (wavelen < highWavelen) {
                out[i] = 1;
            } else if (wavelen > lowWavelen) {
                out[i] = (float) factor;
            } else {
                double smooth = (oldContext / wavelen - low) / (high - low);
                out[i] = (float) (1 / ((1 - smooth) / factor + smooth));
            }
        }
        return out;
    }
}
