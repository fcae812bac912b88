/** Codecs for I-quant, ternary and FP4 tensor types. */
module dev.kiln.quant.i {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
