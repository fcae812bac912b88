package dev.kiln.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

/** Boots the shipped assembly (same bundles, same configuration) and checks what a deployment relies on. */
class AssemblyBootIT {
    @TempDir
    static Path cacheRoot;

    private static FrameworkBoot boot;

    @BeforeAll
    static void boot() {
        boot = FrameworkBoot.start(Assembly.built(), cacheRoot, FrameworkBoot.Mode.HEADLESS);
        boot.awaitDeployed(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        boot.close();
    }

    @Test
    void everyBundleResolvesAndStarts() {
        Map<String, String> notActive = new TreeMap<>();
        for (Bundle bundle : boot.context().getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                notActive.put(bundle.getSymbolicName(), FrameworkBoot.stateName(bundle.getState()));
            }
        }
        assertEquals(Map.of(), notActive, "bundles that are not running");
    }

    @Test
    void everyKilnBundleIsDeployed() {
        List<String> present = new ArrayList<>();
        for (Bundle bundle : boot.context().getBundles()) {
            present.add(bundle.getSymbolicName());
        }
        assertTrue(present.containsAll(Assembly.KILN_BUNDLES), "deployed: " + present);
    }

    @Test
    void theRuntimeServicesAreThere() throws Exception {
        for (String service : List.of("org.osgi.service.component.runtime.ServiceComponentRuntime",
                "org.osgi.service.cm.ConfigurationAdmin", "org.osgi.service.metatype.MetaTypeService",
                "org.apache.felix.service.command.CommandProcessor")) {
            // getAllServiceReferences: the system bundle does not import these packages itself.
            assertTrue(boot.context().getAllServiceReferences(service, null) != null, service + " is not registered");
        }
    }

    @Test
    void theCatalogCommandsAreRegistered() {
        assertTrue(CommandRegistry.commands(boot.context())
                .containsAll(Set.of("backends", "codecs", "formats", "policies", "architectures")),
                "kiln commands: " + CommandRegistry.commands(boot.context()));
    }
}
