/** The CUDA compute backend. */
module dev.kiln.backend.cuda {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
