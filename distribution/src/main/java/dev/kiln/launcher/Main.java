package dev.kiln.launcher;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code bin/kiln}: {@code kiln shell} opens the interactive gogo console; {@code kiln <command>
 * [args]} runs one {@code kiln:} command headless and exits with its status.
 */
public final class Main {
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(60);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        // Captured before the framework starts: gogo redirects System.out per session thread later.
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (args.length == 0) {
            err.println("usage: kiln shell | kiln <command> [arguments] | kiln help");
        }
        try {
            KilnHome home = KilnHome.fromSystemProperty();
            boolean shell = args.length > 0 && args[0].equals("shell");
            FrameworkBoot boot = FrameworkBoot.start(home, CacheDirectory.root(),
                    shell ? FrameworkBoot.Mode.SHELL : FrameworkBoot.Mode.HEADLESS);
            try {
                boot.awaitDeployed(DEPLOY_TIMEOUT);
                if (shell) {
                    // gogo.jline runs the console; typing 'exit' stops the framework.
                    boot.framework().waitForStop(0);
                    return 0;
                }
                if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
                    HeadlessCommand.printCommands(boot.context(), args.length == 0 ? err : out);
                    return args.length == 0 ? 2 : 0;
                }
                List<String> rest = Arrays.asList(args).subList(1, args.length);
                return HeadlessCommand.run(boot.context(), args[0], rest, System.in, out, err);
            } finally {
                boot.close();
            }
        } catch (LauncherException e) {
            err.println("kiln: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }
}
