package dev.kiln.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Felix's bundle cache for one process. Each process gets its own folder under a root the user can
 * choose ({@code KILN_CACHE_DIR} or {@code -Dkiln.cache.dir}, default {@code ~/.cache/kiln}), so
 * a shell and headless commands can run side by side; folders of processes that are gone are
 * removed at the next start.
 */
public final class CacheDirectory {
    private static final String PREFIX = "felix-";

    private CacheDirectory() {
    }

    /** The root chosen by the user, or the default. */
    public static Path root() {
        String configured = System.getProperty("kiln.cache.dir");
        if (configured == null || configured.isBlank()) {
            configured = System.getenv("KILN_CACHE_DIR");
        }
        if (configured == null || configured.isBlank()) {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
            return base.resolve("kiln");
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    /** Creates this process's cache folder under {@code root}, after removing those of dead processes. */
    public static Path createFor(Path root) {
        try {
            Files.createDirectories(root);
            removeStale(root);
            return Files.createDirectories(root.resolve(PREFIX + ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new LauncherException("cannot create the bundle cache under " + root + ": " + e.getMessage(), e);
        }
    }

    private static void removeStale(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(PREFIX)) {
                    continue;
                }
                try {
                    long pid = Long.parseLong(name.substring(PREFIX.length()));
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        continue;
                    }
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                delete(entry);
            }
        }
    }

    /** Deletes a folder and everything in it; missing is fine. */
    public static void delete(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
