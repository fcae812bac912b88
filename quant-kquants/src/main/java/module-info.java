/** Codecs for float, legacy and K-quant tensor types. */
module dev.kiln.quant.k {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
