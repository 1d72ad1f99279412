package dev.edge4j.llm.sample;

import dev.edge4j.core.InvalidInputException;

/**
 * How the next token is chosen from the logits. The steps run in llama.cpp's default order:
 * penalties on recent tokens, top-k, top-p, min-p, temperature, then a draw from the remaining
 * distribution. A temperature of 0 picks the most likely token (greedy).
 *
 * @param temperature divides the logits; 0 means greedy
 * @param topK keep the k most likely tokens (0: all)
 * @param topP keep the most likely tokens whose probabilities add up to p (1: all)
 * @param minP drop tokens less likely than minP times the most likely one (0: none)
 * @param repeatPenalty divides positive (multiplies negative) logits of recent tokens (1: off)
 * @param presencePenalty subtracted once from the logit of every recent token (0: off)
 * @param frequencyPenalty subtracted per occurrence of a recent token (0: off)
 * @param penaltyWindow how many recent tokens the penalties look at
 * @param seed of the random draw, for reproducible output
 */
public record SamplerSettings(float temperature, int topK, float topP, float minP, float repeatPenalty,
                              float presencePenalty, float frequencyPenalty, int penaltyWindow, long seed) {

    public SamplerSettings {
        if (!(temperature >= 0)) {
            throw new InvalidInputException("temperature must be 0 or more, got " + temperature);
        }
        if (topK < 0) {
            throw new InvalidInputException("top-k must be 0 (off) or more, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new InvalidInputException("top-p must be in (0, 1], got " + topP);
        }
        if (!(minP >= 0 && minP < 1)) {
            throw new InvalidInputException("min-p must be in [0, 1), got " + minP);
        }
        if (!(repeatPenalty > 0)) {
            throw new InvalidInputException("repeat penalty must be above 0, got " + repeatPenalty);
        }
        if (penaltyWindow < 0) {
            throw new InvalidInputException("penalty window must be 0 or more, got " + penaltyWindow);
        }
    }

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no penalties. */
    public static SamplerSettings defaults(long seed) {
        return new SamplerSettings(0.8f, 40, 0.95f, 0.05f, 1f, 0f, 0f, 64, seed);
    }

    /** Always the most likely token. */
    public static SamplerSettings greedy() {
        return new SamplerSettings(0f, 0, 1f, 0f, 1f, 0f, 0f, 64, 0);
    }

    public boolean isGreedy() {
        return temperature == 0;
    }
}
