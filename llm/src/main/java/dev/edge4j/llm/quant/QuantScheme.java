package dev.edge4j.llm.quant;

import dev.edge4j.gguf.GgmlType;
import java.util.Locale;

/**
 * A model-wide quantization choice (llama.cpp's "file type"), and which tensor type each
 * tensor gets under it. Follows llama.cpp's rules for these schemes, so a model quantized here
 * has the same mix of types as one from llama-quantize: 1-D tensors and norms stay F32, the
 * output projection gets more bits, Q4_K_M and Q5_K_M give some attn_v and ffn_down layers Q6_K.
 */
public enum QuantScheme {
    F32(0, GgmlType.F32),
    F16(1, GgmlType.F16),
    BF16(32, GgmlType.BF16),
    Q8_0(7, GgmlType.Q8_0),
    Q4_0(2, GgmlType.Q4_0),
    Q4_1(3, GgmlType.Q4_1),
    Q4_K_M(15, GgmlType.Q4_K),
    Q5_K_M(17, GgmlType.Q5_K),
    Q6_K(18, GgmlType.Q6_K);

    private final int fileType;
    private final GgmlType base;

    QuantScheme(int fileType, GgmlType base) {
        this.fileType = fileType;
        this.base = base;
    }

    /** The value of {@code general.file_type} for this scheme. */
    public int fileType() {
        return fileType;
    }

    public GgmlType baseType() {
        return base;
    }

    /** The scheme named {@code name} (any case, e.g. {@code q4_k_m}), or null. */
    public static QuantScheme byName(String name) {
        for (QuantScheme s : values()) {
            if (s.name().equalsIgnoreCase(name.replace('-', '_'))) {
                return s;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The type of tensor {@code name} with rows of {@code cols} values and {@code rank}
     * dimensions; {@code layers} is the block count, {@code tiedEmbeddings} whether the token
     * embedding doubles as the output projection.
     */
    public GgmlType typeFor(String name, int rank, long cols, int layers, boolean tiedEmbeddings) {
        if (rank < 2 || !name.endsWith("weight") || name.contains("_norm.weight")) {
            return GgmlType.F32;
        }
        if (!base.isQuantized()) {
            return base;
        }
        GgmlType type = base;
        boolean output = name.equals("output.weight") || (tiedEmbeddings && name.equals("token_embd.weight"));
        int layer = layerOf(name);
        if (output) {
            if (cols % GgmlType.Q6_K.blockSize() != 0) {
                type = GgmlType.Q8_0;
            } else if (type != GgmlType.Q8_0) {
                type = GgmlType.Q6_K;
            }
        } else if (name.endsWith("attn_v.weight") || name.endsWith("attn_qkv.weight")) {
            if (name.endsWith("attn_qkv.weight")) {
                if (this == Q4_K_M) {
                    type = GgmlType.Q5_K;
                } else if (this == Q5_K_M) {
                    type = GgmlType.Q6_K;
                }
            } else if ((this == Q4_K_M || this == Q5_K_M) && moreBits(layer, layers)) {
                type = GgmlType.Q6_K;
            }
        } else if (name.endsWith("ffn_down.weight")) {
            if ((this == Q4_K_M || this == Q5_K_M) && moreBits(layer, layers)) {
                type = GgmlType.Q6_K;
            }
        }
        return fallback(type, cols);
    }

    /** llama.cpp's use_more_bits: the first and last eighth of the layers, and every third between. */
    static boolean moreBits(int layer, int layers) {
        return layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2;
    }

    /** A K-quant whose rows are not whole super-blocks falls back to a 32-value type. */
    private static GgmlType fallback(GgmlType type, long cols) {
        if (cols % type.blockSize() == 0) {
            return type;
        }
        GgmlType small = switch (type) {
            case Q4_K -> GgmlType.Q5_0;
            case Q5_K -> GgmlType.Q5_1;
            case Q6_K -> GgmlType.Q8_0;
            default -> type;
        };
        if (cols % small.blockSize() != 0) {
            return GgmlType.F16;
        }
        return small;
    }

    private static int layerOf(String name) {
        if (!name.startsWith("blk.")) {
            return -1;
        }
        int end = name.indexOf('.', 4);
        return Integer.parseInt(name.substring(4, end));
    }
}
