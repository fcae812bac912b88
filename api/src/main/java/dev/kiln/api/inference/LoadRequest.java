package dev.kiln.api.inference;

import dev.kiln.api.placement.PlacementRequest;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What to load and how.
 *
 * @param id name to refer to the model by; {@code null} derives one from the file name
 * @param policy placement policy name ({@code auto} when {@code null})
 * @param threads CPU worker threads (0 for one per core)
 */
public record LoadRequest(Path path, String id, PlacementRequest placement, String policy, int threads) {
    public LoadRequest {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(placement, "placement");
    }
}
