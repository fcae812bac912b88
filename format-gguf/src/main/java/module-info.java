/** GGUF reader and writer, registered as the gguf ModelFormat. */
module dev.kiln.format.gguf {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;

    // Only the writer is public: the test kit and the quantizer write models; reading goes through ModelFormat.
    exports dev.kiln.format.gguf.writer;

    provides dev.kiln.api.format.ModelFormat with dev.kiln.format.gguf.internal.GgufFormat;
}
