package dev.kiln.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Boots the assembly's OSGi framework exactly as shipped: the properties of
 * {@code conf/framework.properties}, the runtime bundles of {@code bundle/}, and FileInstall
 * bringing in the Kiln bundles of {@code deploy/}. {@code bin/kiln} and the integration tests
 * both start Kiln through this class.
 */
public final class FrameworkBoot implements AutoCloseable {
    /** Whether the interactive console bundles (gogo.jline, JLine) are installed. */
    public enum Mode { SHELL, HEADLESS }

    private static final String CONSOLE_BUNDLES = "kiln.console.bundles";

    private final KilnHome home;
    private final Path cache;
    private final Framework framework;

    private FrameworkBoot(KilnHome home, Path cache, Framework framework) {
        this.home = home;
        this.cache = cache;
        this.framework = framework;
    }

    /** Starts the framework with its own cache folder under {@code cacheRoot}. */
    public static FrameworkBoot start(KilnHome home, Path cacheRoot, Mode mode) {
        home.check();
        Path cache = CacheDirectory.createFor(cacheRoot);
        Map<String, String> properties = frameworkProperties(home, cache);
        Set<String> consoleBundles = Set.of(properties.getOrDefault(CONSOLE_BUNDLES, "").split("\\s*,\\s*"));
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LauncherException("no OSGi framework on the class path (lib/ is incomplete)"));
        Framework framework = factory.newFramework(properties);
        FrameworkBoot boot = new FrameworkBoot(home, cache, framework);
        try {
            framework.init();
            List<Bundle> runtime = new ArrayList<>();
            List<Bundle> console = new ArrayList<>();
            for (Path jar : jars(home.bundles())) {
                boolean isConsole = consoleBundles.contains(symbolicName(jar));
                if (mode == Mode.HEADLESS && isConsole) {
                    continue;
                }
                Bundle bundle = framework.getBundleContext().installBundle(jar.toUri().toString());
                (isConsole ? console : runtime).add(bundle);
            }
            for (Bundle bundle : runtime) {
                if (!isFragment(bundle)) {
                    bundle.start();
                }
            }
            framework.start();
            startConsole(console);
            return boot;
        } catch (BundleException | RuntimeException e) {
            boot.close();
            throw new LauncherException("the OSGi framework did not start: " + e.getMessage(), e);
        }
    }

    /**
     * Starts the console bundles from this thread with JLine's class loader as the context class
     * loader: JLine finds its terminal providers through that loader, and the console thread that
     * gogo.jline starts inherits it. Without this the console falls back to a dumb terminal.
     */
    private static void startConsole(List<Bundle> console) throws BundleException {
        if (console.isEmpty()) {
            return;
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            for (Bundle bundle : console) {
                if ("org.jline".equals(bundle.getSymbolicName())) {
                    bundle.start();
                    Thread.currentThread().setContextClassLoader(bundle.adapt(BundleWiring.class).getClassLoader());
                }
            }
            for (Bundle bundle : console) {
                if (!isFragment(bundle)) {
                    bundle.start();
                }
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    public BundleContext context() {
        return framework.getBundleContext();
    }

    public Framework framework() {
        return framework;
    }

    /**
     * Waits until every jar in {@code deploy/} is installed by FileInstall and active. Fails after
     * {@code timeout}, naming each bundle that did not start and its state.
     */
    public void awaitDeployed(Duration timeout) {
        List<String> expected = new ArrayList<>();
        for (Path jar : jars(home.deploy())) {
            expected.add(symbolicName(jar));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, String> notReady = new TreeMap<>();
            Map<String, Bundle> bySymbolicName = new HashMap<>();
            for (Bundle bundle : context().getBundles()) {
                bySymbolicName.put(bundle.getSymbolicName(), bundle);
            }
            for (String name : expected) {
                Bundle bundle = bySymbolicName.get(name);
                if (bundle == null) {
                    notReady.put(name, "not installed");
                } else if (!isReady(bundle)) {
                    notReady.put(name, stateName(bundle.getState()));
                }
            }
            if (notReady.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder reasons = new StringBuilder();
                for (Map.Entry<String, String> entry : notReady.entrySet()) {
                    Bundle bundle = bySymbolicName.get(entry.getKey());
                    reasons.append("\n  ").append(entry.getKey()).append(": ").append(entry.getValue())
                            .append(bundle == null ? "" : resolutionError(bundle));
                }
                throw new LauncherException("bundles in " + home.deploy() + " did not start within "
                        + timeout.toSeconds() + " s:" + reasons);
            }
            sleep(50);
        }
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(Duration.ofSeconds(30).toMillis());
        } catch (BundleException e) {
            throw new LauncherException("the OSGi framework did not stop cleanly: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            CacheDirectory.delete(cache);
        }
    }

    static Map<String, String> frameworkProperties(KilnHome home, Path cache) {
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(home.configuration())) {
            file.load(in);
        } catch (IOException e) {
            throw new LauncherException("cannot read " + home.configuration() + ": " + e.getMessage(), e);
        }
        Map<String, String> properties = new HashMap<>();
        for (String key : file.stringPropertyNames()) {
            properties.put(key, file.getProperty(key).replace("${kiln.home}", home.root().toString()));
        }
        properties.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        properties.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        return properties;
    }

    /** Why an installed bundle does not resolve (the framework's own message), or nothing. */
    private String resolutionError(Bundle bundle) {
        if (bundle.getState() != Bundle.INSTALLED) {
            return "";
        }
        FrameworkWiring wiring = framework.adapt(FrameworkWiring.class);
        if (wiring.resolveBundles(java.util.List.of(bundle))) {
            return "";
        }
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return "";
        } catch (BundleException e) {
            return ": " + e.getMessage();
        }
    }

    private static boolean isReady(Bundle bundle) {
        return isFragment(bundle) ? bundle.getState() == Bundle.RESOLVED : bundle.getState() == Bundle.ACTIVE;
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }

    static List<Path> jars(Path folder) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            throw new LauncherException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        jars.sort(null);
        return jars;
    }

    static String symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String name = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (name == null) {
                throw new LauncherException(jar + " is not an OSGi bundle (no Bundle-SymbolicName)");
            }
            return name.split(";")[0].trim();
        } catch (IOException e) {
            throw new LauncherException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED (unresolved)";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted while waiting for bundles");
        }
    }
}
