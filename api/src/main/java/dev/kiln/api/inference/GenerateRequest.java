package dev.kiln.api.inference;

import dev.kiln.api.sampling.SamplerSettings;
import java.util.Objects;

/** A generation request: prompt text (ignored by chat), sampling settings and token limit. */
public record GenerateRequest(String modelId, String prompt, SamplerSettings sampling) {
    public GenerateRequest {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(sampling, "sampling");
    }
}
