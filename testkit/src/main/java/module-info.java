/** Test support for Kiln's modules. */
module dev.kiln.testkit {
    requires dev.kiln.api;
    requires static osgi.annotation;
    requires static org.osgi.service.component.annotations;
    requires dev.kiln.format.gguf;
    requires org.junit.jupiter.api;
    requires jdk.incubator.vector;

    exports dev.kiln.testkit;

    uses dev.kiln.api.format.ModelFormat;
}
