package dev.kiln.shell.catalog;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The bundle a service object comes from, as "symbolic-name version", or "(module path)" outside OSGi. */
final class ServiceOrigin {
    private ServiceOrigin() {
    }

    static String of(Object service) {
        Bundle bundle = FrameworkUtil.getBundle(service.getClass());
        return bundle == null ? "(module path)" : bundle.getSymbolicName() + " " + bundle.getVersion();
    }
}
