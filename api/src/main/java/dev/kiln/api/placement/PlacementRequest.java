package dev.kiln.api.placement;

import dev.kiln.api.tensor.GgmlType;
import java.util.List;
import java.util.Objects;

/**
 * What a deployment asks of a placement policy.
 *
 * @param contextLength tokens of KV cache to plan for, per sequence
 * @param batchSize tokens processed together (prefill chunk), which sizes scratch memory
 * @param sequences sequences served at once
 * @param kvCacheType element type of the KV cache (F16, Q8_0, Q4_0)
 * @param rules user rules, applied first and in order; the first match wins
 */
public record PlacementRequest(int contextLength, int batchSize, int sequences, GgmlType kvCacheType,
                               List<PlacementRule> rules) {
    public PlacementRequest {
        Objects.requireNonNull(kvCacheType, "kvCacheType");
        rules = List.copyOf(rules);
    }
}
