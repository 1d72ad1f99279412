package dev.edge4j.llm.model;

/**
 * {@code llama}: Llama 2, Llama 3/3.1/3.2 (whose llama3 RoPE scaling comes as frequency factors),
 * Mistral and SmolLM. Optional Q/K/V/O biases are honoured when present.
 */
final class LlamaArchitecture extends Architecture {
    @Override
    public String name() {
        return "llama";
    }

    @Override
    public RopeStyle ropeStyle() {
        return RopeStyle.NORMAL;
    }

    @Override
    public boolean usesRopeFrequencyFactors() {
        return true;
    }
}
