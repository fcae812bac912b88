package dev.kiln.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the reference data ({@code ../shared/testdata}) is. One place decides, in this order: the
 * system property {@code kiln.testdata}, the environment variable {@code KILN_TESTDATA}, then
 * {@code ../shared/testdata} beside the repository.
 *
 * <p>Conformance tests call {@link #require(String)}; on a machine without the data they are
 * skipped with a loud message on standard error instead of passing silently.
 */
public final class TestData {
    public static final String PROPERTY = "kiln.testdata";
    public static final String ENVIRONMENT = "KILN_TESTDATA";

    private TestData() {
    }

    /** The configured root, whether or not it exists. */
    public static Path root() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENVIRONMENT);
        }
        if (configured == null || configured.isBlank()) {
            configured = "../shared/testdata";
        }
        return Path.of(configured).toAbsolutePath().normalize();
    }

    /** True if {@code relative} exists under the root. */
    public static boolean has(String relative) {
        return Files.exists(root().resolve(relative));
    }

    /**
     * The path of {@code relative} under the root; if it is missing, the calling test is aborted
     * (reported as skipped) after printing why, naming the path and how to point at the data.
     */
    public static Path require(String relative) {
        Path path = root().resolve(relative);
        if (!Files.exists(path)) {
            String message = "CONFORMANCE SKIPPED: reference data " + path + " is missing. Set -D" + PROPERTY
                    + "=<dir> or " + ENVIRONMENT + "=<dir> to the shared testdata folder to run it.";
            System.err.println("!!! " + message);
            Assumptions.abort(message);
        }
        return path;
    }
}
