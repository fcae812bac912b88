package dev.kiln.engine.sampling;

import dev.kiln.api.sampling.Sampler;
import dev.kiln.api.sampling.SamplerFactory;
import dev.kiln.api.sampling.SamplerSettings;
import org.osgi.service.component.annotations.Component;

/** Creates llama.cpp-style sampler chains; see {@link ChainSampler} for the order of the steps. */
@Component(service = SamplerFactory.class)
public final class DefaultSamplerFactory implements SamplerFactory {
    @Override
    public Sampler create(SamplerSettings settings) {
        return new ChainSampler(settings);
    }
}
