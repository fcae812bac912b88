/** The CPU compute backend. */
module dev.kiln.backend.cpu {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires jdk.incubator.vector;

    exports dev.kiln.backend.cpu.kernels;
}
