/** Model architectures, tokenizers, sampling and the inference service. */
module dev.kiln.engine {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires jinjava;
    // Jinjava's EL resolver API names java.beans types.
    requires java.desktop;

    provides dev.kiln.api.text.TokenizerProvider with dev.kiln.engine.tokenizer.GgufTokenizerProvider;
    provides dev.kiln.api.sampling.SamplerFactory with dev.kiln.engine.sampling.DefaultSamplerFactory;
}
