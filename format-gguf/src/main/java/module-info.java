/** GGUF reader and writer, registered as the gguf ModelFormat. */
module dev.kiln.format.gguf {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
}
