package dev.edge4j.onnx.ops.text;

import dev.edge4j.core.InvalidInputException;
import dev.edge4j.core.tensor.DType;
import dev.edge4j.core.tensor.Tensor;
import dev.edge4j.onnx.ops.ExecContext;
import dev.edge4j.onnx.ops.OpSpec;
import dev.edge4j.onnx.ops.Ops;
import dev.edge4j.onnx.ops.SimpleOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TfIdfVectorizer: counts the pool's n-grams (with up to max_skip_count tokens skipped between
 * items) in each row, then reports term frequency, inverse document frequency weights, or both.
 */
final class TfIdfVectorizer implements SimpleOp {
    private final int minGram;
    private final int maxGram;
    private final int maxSkip;
    private final String mode;
    private final int outSize;
    private final float[] weights;
    private final Map<List<Object>, Integer> pool = new HashMap<>();

    TfIdfVectorizer(OpSpec spec) {
        minGram = spec.attrs().getInt("min_gram_length", 1);
        maxGram = spec.attrs().getInt("max_gram_length", 1);
        maxSkip = spec.attrs().getInt("max_skip_count", 0);
        mode = spec.attrs().getString("mode", "TF");
        long[] counts = spec.attrs().getLongs("ngram_counts", new long[0]);
        long[] indexes = spec.attrs().getLongs("ngram_indexes", new long[0]);
        weights = spec.attrs().getFloats("weights", null);
        long[] ints = spec.attrs().getLongs("pool_int64s", null);
        String[] strings = spec.attrs().getStrings("pool_strings", null);
        int poolSize = ints != null ? ints.length : strings != null ? strings.length : 0;
        int next = 0;
        int max = -1;
        for (int len = 1; len <= counts.length; len++) {
            int start = (int) counts[len - 1];
            int end = len < counts.length ? (int) counts[len] : poolSize;
            for (int p = start; p + len <= end; p += len) {
                List<Object> gram = new ArrayList<>();
                for (int q = 0; q < len; q++) {
                    gram.add(ints != null ? (Object) ints[p + q] : strings[p + q]);
                }
                if (next >= indexes.length) {
                    throw Ops.badModel(spec, "ngram_indexes has fewer entries than the pool has n-grams");
                }
                int col = (int) indexes[next++];
                pool.put(gram, col);
                max = Math.max(max, col);
            }
        }
        outSize = max + 1;
    }

    @Override
    public Tensor compute(Tensor[] in, ExecContext ctx) {
        Tensor x = Ops.input(in, 0, "X");
        if (x.rank() != 1 && x.rank() != 2) {
            throw new InvalidInputException("TfIdfVectorizer takes [N] or [B, N], got " + x.shape());
        }
        int rows = x.rank() == 2 ? x.shape().dim(0) : 1;
        int len = x.rank() == 2 ? x.shape().dim(1) : x.shape().dim(0);
        float[] out = new float[rows * outSize];
        for (int r = 0; r < rows; r++) {
            float[] counts = new float[outSize];
            for (int n = Math.max(1, minGram); n <= maxGram; n++) {
                for (int skip = 0; skip <= (n == 1 ? 0 : maxSkip); skip++) {
                    int stride = skip + 1;
                    for (int s = 0; s + (n - 1) * stride < len; s++) {
                        List<Object> gram = new ArrayList<>(n);
                        for (int q = 0; q < n; q++) {
                            int i = r * len + s + q * stride;
                            gram.add(x.dtype() == DType.STRING ? (Object) x.strings()[i] : (Object) x.getLong(i));
                        }
                        Integer col = pool.get(gram);
                        if (col != null) {
                            counts[col]++;
                        }
                    }
                }
            }
            for (int c = 0; c < outSize; c++) {
                float w = weights == null ? 1f : weights[c];
                out[r * outSize + c] = switch (mode) {
                    case "IDF" -> counts[c] > 0 ? w : 0;
                    case "TFIDF" -> counts[c] * w;
                    default -> counts[c];
                };
            }
        }
        return x.rank() == 2 ? Tensor.of(out, rows, outSize) : Tensor.of(out, outSize);
    }
}
