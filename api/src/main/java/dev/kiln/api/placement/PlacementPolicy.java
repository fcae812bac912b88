package dev.kiln.api.placement;

import dev.kiln.api.backend.Device;
import dev.kiln.api.format.ModelSource;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Decides which device holds every tensor of a model. Policies are services and compose. */
@ProviderType
public interface PlacementPolicy {
    /** Short name used to select the policy, such as {@code auto} or {@code layer-split}. */
    String name();

    /**
     * Plans {@code model} onto {@code devices}.
     *
     * @throws PlacementException if the model does not fit, naming the device and the shortfall
     */
    PlacementPlan plan(ModelSource model, List<Device> devices, PlacementRequest request);
}
