package dev.kiln.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The assembly that the build produced ({@code target/kiln}), and helpers to look into a running one. */
final class Assembly {
    /** The Kiln bundles every assembly ships, by symbolic name. */
    static final List<String> KILN_BUNDLES = List.of("dev.kiln.api", "dev.kiln.format.gguf", "dev.kiln.quant.k",
            "dev.kiln.quant.i", "dev.kiln.backend.cpu", "dev.kiln.backend.opencl", "dev.kiln.backend.cuda",
            "dev.kiln.placement", "dev.kiln.engine", "dev.kiln.shell");

    private Assembly() {
    }

    static KilnHome built() {
        String path = System.getProperty("kiln.assembly");
        if (path == null) {
            throw new IllegalStateException("-Dkiln.assembly is not set: run the integration tests through Maven (verify)");
        }
        return new KilnHome(Path.of(path));
    }

    /** A private copy of the built assembly, for tests that change its files. */
    static KilnHome copyTo(Path target) {
        Path source = built().root();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : walk.toList()) {
                Path copy = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KilnHome(target);
    }

    /** Implementation class names of the services registered under {@code service}, optionally only from one bundle. */
    static List<String> implementations(BundleContext context, String service, String bundle) {
        List<String> names = new ArrayList<>();
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(service, null);
            for (ServiceReference<?> reference : references == null ? new ServiceReference<?>[0] : references) {
                if (bundle != null && !bundle.equals(reference.getBundle().getSymbolicName())) {
                    continue;
                }
                Object implementation = context.getService(reference);
                names.add(implementation.getClass().getName());
                context.ungetService(reference);
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        names.sort(null);
        return names;
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes; returns whether it held. */
    static boolean eventually(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(100);
        }
        return condition.getAsBoolean();
    }
}
