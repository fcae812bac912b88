package dev.kiln.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same jars without OSGi: a JPMS module layer over the shipped Kiln bundles, where
 * {@link ServiceLoader} must find exactly the implementations that Declarative Services registers.
 */
class ModulePathIT {
    /** The service interfaces a host application looks up. */
    private static final List<String> SERVICES = List.of("dev.kiln.api.format.ModelFormat",
            "dev.kiln.api.quant.QuantCodec", "dev.kiln.api.backend.ComputeBackend",
            "dev.kiln.api.placement.PlacementPolicy", "dev.kiln.api.model.ModelArchitecture",
            "dev.kiln.api.text.TokenizerProvider", "dev.kiln.api.sampling.SamplerFactory",
            "dev.kiln.api.inference.InferenceService");

    @TempDir
    Path cacheRoot;

    @Test
    void serviceLoaderFindsWhatDeclarativeServicesRegisters() throws Exception {
        KilnHome home = Assembly.built();
        // The shell bundle is gogo commands: meaningful inside OSGi only.
        List<Path> jars = FrameworkBoot.jars(home.deploy()).stream()
                .filter(j -> !FrameworkBoot.symbolicName(j).equals("dev.kiln.shell")).toList();
        ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
        Set<String> modules = finder.findAll().stream().map(r -> r.descriptor().name()).collect(Collectors.toSet());
        // Third-party libraries (Jinjava and its dependencies) come from the host's own module path.
        ModuleFinder libraries = ModuleFinder.of(Arrays.stream(System.getProperty("kiln.modulepath.libraries", "")
                .split(File.pathSeparator)).filter(s -> !s.isBlank()).map(Path::of).toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolveAndBind(ModuleFinder.compose(finder, libraries), ModuleFinder.of(), modules);
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());

        var fromModulePath = new TreeMap<String, List<String>>();
        for (String service : SERVICES) {
            Class<?> type = layer.findLoader("dev.kiln.api").loadClass(service);
            List<String> names = new ArrayList<>();
            ServiceLoader.load(layer, type).stream().forEach(p -> names.add(p.type().getName()));
            names.sort(null);
            fromModulePath.put(service, names);
        }

        var fromOsgi = new TreeMap<String, List<String>>();
        try (FrameworkBoot boot = FrameworkBoot.start(home, cacheRoot, FrameworkBoot.Mode.HEADLESS)) {
            boot.awaitDeployed(Duration.ofSeconds(60));
            for (String service : SERVICES) {
                fromOsgi.put(service, Assembly.implementations(boot.context(), service, null));
            }
        }
        assertEquals(fromOsgi, fromModulePath);
        assertFalse(fromModulePath.values().stream().allMatch(List::isEmpty), "no implementations at all");
        assertEquals(jars.size(), finder.findAll().stream().map(ModuleReference::descriptor).count(),
                "every Kiln jar is a named module");
    }
}
