package dev.kiln.quant.i;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.quant.QuantCodec;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Both wirings list every codec: the module descriptor's {@code provides} (ServiceLoader on a
 * module path) and the DS component descriptions bnd generated from the annotations (OSGi).
 */
class ServiceWiringTest {
    private static final Path CLASSES = Path.of("target", "classes");

    private static Set<String> codecClassNames() {
        return AllCodecs.list().stream().map(c -> c.getClass().getName()).collect(Collectors.toSet());
    }

    @Test
    void moduleProvidesEveryCodecAndExportsNothing() throws IOException {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        ModuleDescriptor.Provides provides = descriptor.provides().stream()
                .filter(p -> p.service().equals(QuantCodec.class.getName())).findFirst().orElseThrow();
        assertEquals(codecClassNames(), Set.copyOf(provides.providers()));
        assertTrue(descriptor.exports().isEmpty(), "implementation packages must stay private: " + descriptor.exports());
    }

    @Test
    void everyCodecHasADeclarativeServicesComponent() throws IOException {
        for (String name : codecClassNames()) {
            Path xml = CLASSES.resolve("OSGI-INF").resolve(name + ".xml");
            assertTrue(Files.exists(xml), "no DS component description for " + name + " (missing @Component?)");
            String text = Files.readString(xml);
            assertTrue(text.contains("interface=\"" + QuantCodec.class.getName() + "\""), xml + " does not provide QuantCodec");
        }
    }
}
