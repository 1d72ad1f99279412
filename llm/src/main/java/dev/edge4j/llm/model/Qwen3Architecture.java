package dev.edge4j.llm.model;

/** {@code qwen3}: Qwen3 dense models, which RMS-normalize each head's query and key before RoPE. */
final class Qwen3Architecture extends Architecture {
    @Override
    public String name() {
        return "qwen3";
    }

    @Override
    public RopeStyle ropeStyle() {
        return RopeStyle.NEOX;
    }

    @Override
    public boolean normalizesQueryKey() {
        return true;
    }
}
