package dev.edge4j.llm.model;

import dev.edge4j.core.ModelFormatException;
import dev.edge4j.gguf.GgufFile;
import dev.edge4j.gguf.GgufTensorInfo;
import dev.edge4j.llm.tensor.WeightMatrix;
import dev.edge4j.llm.tensor.WeightMemory;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Optional;

/**
 * All weights of a model, found by llama.cpp's tensor names and checked against the
 * hyper-parameters, so a wrong file fails on load, naming the tensor, not in the middle of a run.
 *
 * @param output the output projection; the token embedding itself when the file ties them
 * @param ropeFactors llama3 RoPE frequency factors ({@code rope_freqs.weight}), or null
 */
public record ModelWeights(
        WeightMatrix tokenEmbedding,
        float[] outputNorm,
        WeightMatrix output,
        float[] ropeFactors,
        LayerWeights[] layers) {

    public boolean tiedEmbeddings() {
        return output == tokenEmbedding;
    }

    /** The weights of {@code file}; {@code copies}: whether the matrices a token reads get their own copy. */
    static ModelWeights load(GgufFile file, ModelConfig c, Architecture arch, boolean copies) {
        Loader l = new Loader(file, copies, new WeightMemory(file.fileSize()));
        boolean tied = !l.has("output.weight");
        // An embedding that is only looked up row by row stays in the file: a copy would make
        // the whole table resident for the few rows a conversation reads.
        WeightMatrix embedding = tied ? l.matrix("token_embd.weight", c.dim(), -1) : l.table("token_embd.weight", c.dim());
        int vocab = embedding.rows();
        float[] outputNorm = l.vector("output_norm.weight", c.dim());
        WeightMatrix output = tied ? embedding : l.matrix("output.weight", c.dim(), vocab);
        float[] ropeFactors = arch.usesRopeFrequencyFactors() && l.has("rope_freqs.weight")
                ? l.vector("rope_freqs.weight", c.ropeDims() / 2) : null;
        LayerWeights[] layers = new LayerWeights[c.layers()];
        for (int i = 0; i < layers.length; i++) {
            String p = "blk." + i + ".";
            WeightMatrix wq;
            WeightMatrix wk;
            WeightMatrix wv;
            float[] bq;
            float[] bk;
            float[] bv;
            if (l.has(p + "attn_qkv.weight")) {
                GgufTensorInfo qkv = l.matrixInfo(p + "attn_qkv.weight", c.dim(), c.qDim() + c.kvDim() + c.vDim());
                wq = l.rows(qkv, p + "attn_q", 0, c.qDim());
                wk = l.rows(qkv, p + "attn_k", c.qDim(), c.kvDim());
                wv = l.rows(qkv, p + "attn_v", c.qDim() + c.kvDim(), c.vDim());
                float[] b = l.optionalVector(p + "attn_qkv.bias", c.qDim() + c.kvDim() + c.vDim());
                bq = b == null ? null : Arrays.copyOfRange(b, 0, c.qDim());
                bk = b == null ? null : Arrays.copyOfRange(b, c.qDim(), c.qDim() + c.kvDim());
                bv = b == null ? null : Arrays.copyOfRange(b, c.qDim() + c.kvDim(), b.length);
            } else {
                wq = l.matrix(p + "attn_q.weight", c.dim(), c.qDim());
                wk = l.matrix(p + "attn_k.weight", c.dim(), c.kvDim());
                wv = l.matrix(p + "attn_v.weight", c.dim(), c.vDim());
                bq = l.optionalVector(p + "attn_q.bias", c.qDim());
                bk = l.optionalVector(p + "attn_k.bias", c.kvDim());
                bv = l.optionalVector(p + "attn_v.bias", c.vDim());
            }
            float[] qNorm = arch.normalizesQueryKey() ? l.vector(p + "attn_q_norm.weight", c.headDim()) : null;
            float[] kNorm = arch.normalizesQueryKey() ? l.vector(p + "attn_k_norm.weight", c.headDim()) : null;
            layers[i] = new LayerWeights(
                    l.vector(p + "attn_norm.weight", c.dim()),
                    wq, wk, wv, bq, bk, bv, qNorm, kNorm,
                    l.matrix(p + "attn_output.weight", c.heads() * c.valueDim(), c.dim()),
                    l.optionalVector(p + "attn_output.bias", c.dim()),
                    l.vector(p + "ffn_norm.weight", c.dim()),
                    l.matrix(p + "ffn_gate.weight", c.dim(), c.ffnDim()),
                    l.matrix(p + "ffn_up.weight", c.dim(), c.ffnDim()),
                    l.matrix(p + "ffn_down.weight", c.ffnDim(), c.dim()));
        }
        return new ModelWeights(embedding, outputNorm, output, ropeFactors, layers);
    }

    /**
     * Finds tensors and checks their shapes.
     *
     * @param copies whether the matrices read once per token get their own copy
     * @param memory where copies go (Q4_0 matrices always keep one)
     */
    private record Loader(GgufFile file, boolean copies, WeightMemory memory) {
        boolean has(String name) {
            return file.findTensor(name).isPresent();
        }

        /** A matrix with rows of {@code cols} values; {@code rows} < 0 accepts any count. */
        WeightMatrix matrix(String name, int cols, int rows) {
            GgufTensorInfo t = matrixInfo(name, cols, rows);
            return rows(t, name, 0, (int) t.dim(1));
        }

        /** A matrix with rows of {@code cols} values that is read a row at a time, never copied. */
        WeightMatrix table(String name, int cols) {
            GgufTensorInfo t = matrixInfo(name, cols, -1);
            return rows(t, name, 0, (int) t.dim(1), false);
        }

        /** The tensor {@code name}, checked to be a matrix with rows of {@code cols} values. */
        GgufTensorInfo matrixInfo(String name, int cols, int rows) {
            GgufTensorInfo t = file.tensor(name);
            if (t.rank() != 2 || t.dim(0) != cols || (rows >= 0 && t.dim(1) != rows)) {
                throw new ModelFormatException(file.path() + ": tensor '" + name + "' has shape " + t.shape()
                        + ", expected [" + cols + ", " + (rows >= 0 ? rows : "any") + "]");
            }
            if (t.dim(1) > Integer.MAX_VALUE) {
                throw new ModelFormatException(file.path() + ": tensor '" + name + "' has too many rows: " + t.dim(1));
            }
            return t;
        }

        /**
         * Rows [first, first + count) of tensor t (all of a matrix, or part of a fused one) as the
         * matrix {@code name}; errors name the file.
         */
        WeightMatrix rows(GgufTensorInfo t, String name, int first, int count) {
            return rows(t, name, first, count, copies);
        }

        private WeightMatrix rows(GgufTensorInfo t, String name, int first, int count, boolean copy) {
            long from = first * t.rowBytes();
            MemorySegment data = file.data(t).asSlice(from, count * t.rowBytes());
            try {
                WeightMatrix.Source source = destination -> file.read(t, from, destination);
                return copy ? WeightMatrix.copyOf(name, t.type(), count, (int) t.dim(0), data, source, memory)
                        : WeightMatrix.of(name, t.type(), count, (int) t.dim(0), data, source, memory);
            } catch (ModelFormatException e) {
                throw new ModelFormatException(file.path() + ": " + e.getMessage(), e);
            }
        }

        float[] vector(String name, int length) {
            GgufTensorInfo t = file.tensor(name);
            if (t.elementCount() != length || t.rowLength() != length) {
                throw new ModelFormatException(file.path() + ": tensor '" + name + "' has shape " + t.shape()
                        + ", expected [" + length + "]");
            }
            float[] out = new float[length];
            WeightMatrix.of(name, t.type(), 1, length, file.data(t)).dequantizeRowReference(0, out, 0);
            return out;
        }

        float[] optionalVector(String name, int length) {
            Optional<GgufTensorInfo> t = file.findTensor(name);
            return t.isPresent() ? vector(name, length) : null;
        }
    }
}
