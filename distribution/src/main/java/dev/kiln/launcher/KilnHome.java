package dev.kiln.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folders of an installed assembly: {@code bundle/} (the runtime: Felix services, gogo,
 * logging), {@code deploy/} (Kiln's bundles, watched by FileInstall so they can be added and
 * removed while running) and {@code conf/}.
 */
public record KilnHome(Path root) {
    public KilnHome {
        root = root.toAbsolutePath().normalize();
    }

    /** The home named by the {@code kiln.home} system property (set by {@code bin/kiln}). */
    public static KilnHome fromSystemProperty() {
        String home = System.getProperty("kiln.home");
        if (home == null || home.isBlank()) {
            throw new LauncherException("the system property kiln.home is not set; start Kiln with bin/kiln");
        }
        KilnHome kilnHome = new KilnHome(Path.of(home));
        kilnHome.check();
        return kilnHome;
    }

    public Path bundles() {
        return root.resolve("bundle");
    }

    public Path deploy() {
        return root.resolve("deploy");
    }

    public Path configuration() {
        return root.resolve("conf").resolve("framework.properties");
    }

    /** Refuses a folder that is not an assembly, naming what is missing. */
    public void check() {
        for (Path required : new Path[] {bundles(), deploy(), configuration()}) {
            if (!Files.exists(required)) {
                throw new LauncherException(root + " is not a Kiln assembly: " + required + " is missing");
            }
        }
    }
}
