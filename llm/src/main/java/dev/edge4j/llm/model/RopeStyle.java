package dev.edge4j.llm.model;

/** How rotary position embedding pairs up the dimensions of a head. */
public enum RopeStyle {
    /** Adjacent pairs (0,1), (2,3), ...: Llama's GGUF layout (its Q/K rows are permuted at conversion). */
    NORMAL,
    /** Halves (i, i + n/2): GPT-NeoX style, used by Qwen. */
    NEOX
}
