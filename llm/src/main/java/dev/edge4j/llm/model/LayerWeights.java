package dev.edge4j.llm.model;

import dev.edge4j.llm.tensor.WeightMatrix;

/**
 * One transformer block's weights. Vectors (norms, biases) are small and copied into float
 * arrays; matrices stay in the mapped file. Optional parts are null when absent.
 */
public record LayerWeights(
        float[] attnNorm,
        WeightMatrix wq,
        WeightMatrix wk,
        WeightMatrix wv,
        float[] bq,
        float[] bk,
        float[] bv,
        float[] qNorm,
        float[] kNorm,
        WeightMatrix wo,
        float[] bo,
        float[] ffnNorm,
        WeightMatrix gate,
        WeightMatrix up,
        WeightMatrix down) {
}
