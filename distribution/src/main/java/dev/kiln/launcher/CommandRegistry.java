package dev.kiln.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/** The {@code kiln:*} gogo commands registered in a running framework, read from their service properties. */
final class CommandRegistry {
    static final String SCOPE = "kiln";

    private CommandRegistry() {
    }

    static SortedSet<String> commands(BundleContext context) {
        SortedSet<String> names = new TreeSet<>();
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null, "(osgi.command.scope=" + SCOPE + ")");
            if (references != null) {
                for (ServiceReference<?> reference : references) {
                    names.addAll(functions(reference.getProperty("osgi.command.function")));
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the command filter is malformed", e);
        }
        return names;
    }

    private static List<String> functions(Object property) {
        List<String> functions = new ArrayList<>();
        if (property instanceof String single) {
            functions.add(single);
        } else if (property instanceof String[] many) {
            functions.addAll(List.of(many));
        } else if (property instanceof Iterable<?> iterable) {
            iterable.forEach(f -> functions.add(String.valueOf(f)));
        }
        return functions;
    }
}
