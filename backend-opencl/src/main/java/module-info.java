/** The OpenCL compute backend. */
module dev.kiln.backend.opencl {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
