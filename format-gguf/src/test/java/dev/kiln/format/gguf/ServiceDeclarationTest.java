package dev.kiln.format.gguf;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** bnd turns the @Component annotation into a DS descriptor; without it no OSGi framework would find the format. */
class ServiceDeclarationTest {
    @Test
    void dsDescriptorOffersModelFormat() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(
                "/OSGI-INF/dev.kiln.format.gguf.internal.GgufFormat.xml")) {
            assertNotNull(in, "DS descriptor missing: bnd-maven-plugin did not process @Component");
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(xml.contains("interface=\"dev.kiln.api.format.ModelFormat\""), xml);
            assertTrue(xml.contains("class=\"dev.kiln.format.gguf.internal.GgufFormat\""), xml);
        }
    }
}
