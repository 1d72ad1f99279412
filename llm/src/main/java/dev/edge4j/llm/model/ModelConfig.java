package dev.edge4j.llm.model;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.gguf.GgufMetadata;
import dev.edge4j.gguf.GgufValue;
import java.util.Locale;

/**
 * The hyper-parameters of a decoder-only transformer, read from GGUF metadata under the
 * architecture's key prefix (e.g. {@code qwen2.attention.head_count}), with llama.cpp's defaults.
 *
 * @param ropeScale frequency scale: 1 / {@code rope.scaling.factor} for linear scaling, else 1
 * @param attentionScale multiplier of q·k; 1 / sqrt(headDim) unless the file says otherwise
 */
public record ModelConfig(
        String architecture,
        int layers,
        int dim,
        int ffnDim,
        int heads,
        int kvHeads,
        int headDim,
        int valueDim,
        int ropeDims,
        float rmsEps,
        float ropeBase,
        float ropeScale,
        RopeStyle ropeStyle,
        int trainContext,
        float attentionScale) {

    public int qDim() {
        return heads * headDim;
    }

    public int kvDim() {
        return kvHeads * headDim;
    }

    public int vDim() {
        return kvHeads * valueDim;
    }

    /** Reads the hyper-parameters of {@code arch} from {@code m}; fails naming the key that is wrong. */
    static ModelConfig read(GgufMetadata m, String arch, RopeStyle ropeStyle) {
        String p = arch + ".";
        int layers = positive(m, p + "block_count", m.getInt(p + "block_count"));
        int dim = positive(m, p + "embedding_length", m.getInt(p + "embedding_length"));
        int heads = positive(m, p + "attention.head_count", perLayerConstant(m, p + "attention.head_count", -1));
        int kvHeads = positive(m, p + "attention.head_count_kv", perLayerConstant(m, p + "attention.head_count_kv", heads));
        int ffn = positive(m, p + "feed_forward_length", perLayerConstant(m, p + "feed_forward_length", -1));
        if (heads % kvHeads != 0) {
            throw new ModelFormatException(m.source() + ": " + heads + " attention heads cannot share "
                    + kvHeads + " key/value heads evenly (" + p + "attention.head_count_kv)");
        }
        int headDim = positive(m, p + "attention.key_length", m.getInt(p + "attention.key_length", dim / heads));
        int valueDim = positive(m, p + "attention.value_length", m.getInt(p + "attention.value_length", dim / heads));
        int ropeDims = m.getInt(p + "rope.dimension_count", headDim);
        if (ropeDims <= 0 || ropeDims > headDim || ropeDims % 2 != 0) {
            throw new ModelFormatException(m.source() + ": " + p + "rope.dimension_count is " + ropeDims
                    + ", not an even number of at most the head size " + headDim);
        }
        float eps = m.getFloat(p + "attention.layer_norm_rms_epsilon");
        float base = m.getFloat(p + "rope.freq_base", 10000f);
        String scaling = m.getString(p + "rope.scaling.type", "linear").toLowerCase(Locale.ROOT);
        float factor = m.getFloat(p + "rope.scaling.factor", m.getFloat(p + "rope.scale_linear", 0f));
        float ropeScale = 1f;
        switch (scaling) {
            case "none" -> { }
            case "linear" -> ropeScale = factor == 0f ? 1f : 1f / factor;
            default -> {
                if (factor != 0f && factor != 1f) {
                    throw new ModelFormatException(m.source() + ": RoPE scaling '" + scaling + "' ("
                            + p + "rope.scaling.type) is not supported; supported: none, linear, llama3 frequency factors");
                }
            }
        }
        int trainContext = m.getInt(p + "context_length", 2048);
        float attentionScale = m.getFloat(p + "attention.scale", 0f);
        if (attentionScale == 0f) {
            attentionScale = (float) (1.0 / Math.sqrt(headDim));
        }
        return new ModelConfig(arch, layers, dim, ffn, heads, kvHeads, headDim, valueDim, ropeDims, eps, base,
                ropeScale, ropeStyle, trainContext, attentionScale);
    }

    /** A key that is one number, or an array with one value per layer that are all equal. */
    private static int perLayerConstant(GgufMetadata m, String key, int fallback) {
        if (!m.contains(key)) {
            if (fallback < 0) {
                m.get(key); // throws: missing
            }
            return fallback;
        }
        GgufValue v = m.get(key);
        if (!v.isArray()) {
            return m.getInt(key);
        }
        int[] values = m.getIntArray(key);
        for (int x : values) {
            if (x != values[0]) {
                throw new ModelFormatException(m.source() + ": " + key
                        + " differs between layers, which this runtime does not support");
            }
        }
        if (values.length == 0) {
            throw new ModelFormatException(m.source() + ": " + key + " is an empty array");
        }
        return values[0];
    }

    private static int positive(GgufMetadata m, String key, int value) {
        if (value <= 0) {
            throw new ModelFormatException(m.source() + ": " + key + " is " + value + ", not a positive number");
        }
        return value;
    }
}
