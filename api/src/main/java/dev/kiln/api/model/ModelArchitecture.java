package dev.kiln.api.model;

import dev.kiln.api.backend.ComputeBackend;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.placement.PlacementPlan;
import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Builds runnable models for the GGUF {@code general.architecture} values it knows. */
@ProviderType
public interface ModelArchitecture {
    /** The {@code general.architecture} values handled, such as {@code llama} or {@code deepseek2}. */
    Set<String> architectures();

    /**
     * Builds a model whose tensors live where {@code plan} says, computed by {@code backends}.
     *
     * @throws dev.kiln.api.KilnException if metadata or tensors are missing or inconsistent, naming them
     */
    Model load(ModelSource source, PlacementPlan plan, List<ComputeBackend> backends);
}
