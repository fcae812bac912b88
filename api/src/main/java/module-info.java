/** Kiln's service interfaces and value types. */
module dev.kiln.api {
    requires static osgi.annotation;

    exports dev.kiln.api;
    exports dev.kiln.api.tensor;
    exports dev.kiln.api.format;
    exports dev.kiln.api.quant;
    exports dev.kiln.api.backend;
    exports dev.kiln.api.placement;
    exports dev.kiln.api.model;
    exports dev.kiln.api.text;
    exports dev.kiln.api.sampling;
    exports dev.kiln.api.inference;
}
