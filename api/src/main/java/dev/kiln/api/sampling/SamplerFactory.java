package dev.kiln.api.sampling;

import org.osgi.annotation.versioning.ProviderType;

/** Creates samplers from settings. */
@ProviderType
public interface SamplerFactory {
    Sampler create(SamplerSettings settings);
}
