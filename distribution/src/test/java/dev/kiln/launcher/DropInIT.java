package dev.kiln.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing a codec bundle's jar from deploy/ removes its services; putting it back restores them, without a restart. */
class DropInIT {
    private static final String CODEC = "dev.kiln.api.quant.QuantCodec";
    private static final String BUNDLE = "dev.kiln.quant.k";

    @TempDir
    Path work;

    @Test
    void codecBundleComesAndGoesWithItsJar() throws Exception {
        KilnHome home = Assembly.copyTo(work.resolve("kiln"));
        Path jar = FrameworkBoot.jars(home.deploy()).stream()
                .filter(j -> FrameworkBoot.symbolicName(j).equals(BUNDLE)).findFirst().orElseThrow();
        Path aside = work.resolve(jar.getFileName());
        try (FrameworkBoot boot = FrameworkBoot.start(home, work.resolve("cache"), FrameworkBoot.Mode.HEADLESS)) {
            boot.awaitDeployed(Duration.ofSeconds(60));
            assertFalse(Assembly.implementations(boot.context(), CODEC, BUNDLE).isEmpty(), "codecs before removal");

            Files.move(jar, aside);
            assertTrue(Assembly.eventually(Duration.ofSeconds(15),
                    () -> Assembly.implementations(boot.context(), CODEC, BUNDLE).isEmpty()),
                    "codecs still registered 15 s after their jar was removed");

            Files.copy(aside, jar);
            assertTrue(Assembly.eventually(Duration.ofSeconds(15),
                    () -> !Assembly.implementations(boot.context(), CODEC, BUNDLE).isEmpty()),
                    "codecs not back 15 s after their jar was restored");
        }
    }
}
