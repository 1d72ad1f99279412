package dev.edge4j.llm.model;

/** {@code qwen2}: Qwen2 and Qwen2.5, with biases on the Q, K and V projections and NeoX-style RoPE. */
final class Qwen2Architecture extends Architecture {
    @Override
    public String name() {
        return "qwen2";
    }

    @Override
    public RopeStyle ropeStyle() {
        return RopeStyle.NEOX;
    }
}
