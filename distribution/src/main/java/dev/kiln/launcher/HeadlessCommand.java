package dev.kiln.launcher;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Runs one {@code kiln:} command in a gogo session without a console, as {@code bin/kiln <command>}
 * does. The gogo API lives inside the framework (the launcher does not share its classes), so the
 * session is driven through the {@code CommandProcessor} interface loaded from the gogo bundle.
 * Arguments are passed as session variables, so spaces and quotes in them reach the command as typed.
 */
final class HeadlessCommand {
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";

    private HeadlessCommand() {
    }

    /** Exit statuses: 0 success, 1 the command failed, 2 no such command. */
    static int run(BundleContext context, String command, List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (!CommandRegistry.commands(context).contains(command)) {
            err.println("kiln: unknown command '" + command + "'");
            printCommands(context, err);
            return 2;
        }
        ServiceReference<?> reference = context.getServiceReference(PROCESSOR);
        if (reference == null) {
            err.println("kiln: the gogo runtime is not running (bundle/ is incomplete)");
            return 1;
        }
        Object processor = context.getService(reference);
        try {
            Class<?> processorType = reference.getBundle().loadClass(PROCESSOR);
            Class<?> sessionType = reference.getBundle().loadClass(SESSION);
            Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class, OutputStream.class)
                    .invoke(processor, in, out, err);
            Method put = sessionType.getMethod("put", String.class, Object.class);
            StringBuilder line = new StringBuilder(CommandRegistry.SCOPE).append(':').append(command);
            for (int i = 0; i < args.size(); i++) {
                put.invoke(session, "kiln_arg" + i, args.get(i));
                line.append(" $kiln_arg").append(i);
            }
            try {
                Object result = sessionType.getMethod("execute", CharSequence.class).invoke(session, line.toString());
                if (result != null) {
                    out.println(result);
                }
                return 0;
            } finally {
                sessionType.getMethod("close").invoke(session);
                out.flush();
            }
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            err.println("kiln " + command + ": " + (cause.getMessage() != null ? cause.getMessage() : cause.toString()));
            return 1;
        } catch (ReflectiveOperationException e) {
            err.println("kiln: cannot drive the gogo runtime: " + e);
            return 1;
        } finally {
            context.ungetService(reference);
        }
    }

    static void printCommands(BundleContext context, PrintStream out) {
        out.println("Commands:");
        for (String name : CommandRegistry.commands(context)) {
            out.println("  " + name);
        }
    }
}
