package dev.kiln.api.sampling;

import java.util.List;
import java.util.Map;

/**
 * Sampling settings, with llama.cpp's meanings and defaults. A temperature of 0 means greedy.
 *
 * @param penaltyWindow last tokens the repetition, presence and frequency penalties look at
 * @param logitBias added to the logit of each token id before sampling
 */
public record SamplerSettings(float temperature, int topK, float topP, float minP, float typicalP,
                              float repeatPenalty, float presencePenalty, float frequencyPenalty,
                              int penaltyWindow, Map<Integer, Float> logitBias, long seed,
                              List<String> stop, int maxTokens) {
    public SamplerSettings {
        logitBias = Map.copyOf(logitBias);
        stop = List.copyOf(stop);
    }

    /** llama.cpp's defaults: temperature 0.8, top-k 40, top-p 0.95, min-p 0.05, no penalties. */
    public static SamplerSettings defaults() {
        return new SamplerSettings(0.8f, 40, 0.95f, 0.05f, 1.0f, 1.0f, 0f, 0f, 64, Map.of(), 0L, List.of(), 128);
    }

    public static SamplerSettings greedy() {
        return new SamplerSettings(0f, 1, 1f, 0f, 1f, 1f, 0f, 0f, 64, Map.of(), 0L, List.of(), 128);
    }
}
