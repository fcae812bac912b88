package dev.kiln.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/kiln} as a user runs it: a real process, its output and its exit status. */
class LauncherProcessIT {
    @TempDir
    Path workingDirectory;

    @TempDir
    Path cacheRoot;

    record Result(int status, String out, String err) {
    }

    private Result kiln(String... args) throws IOException, InterruptedException {
        Path script = Assembly.built().root().resolve("bin/kiln");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(script.toString()), Stream.of(args)).toList())
                .directory(workingDirectory.toFile());
        builder.environment().put("KILN_CACHE_DIR", cacheRoot.toString());
        Path out = Files.createTempFile(workingDirectory.getParent(), "out", ".txt");
        Path err = Files.createTempFile(workingDirectory.getParent(), "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/kiln " + List.of(args) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aCommandPrintsItsOutputAndExitsZero() throws Exception {
        Result result = kiln("formats");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("gguf") || result.out().contains("No formats registered"), result.out());
        assertEquals(List.of(), listing(workingDirectory), "nothing is written to the working directory");
        assertEquals(List.of(), listing(cacheRoot), "the bundle cache is removed on exit");
    }

    @Test
    void anUnknownCommandListsTheCommandsAndFails() throws Exception {
        Result result = kiln("no-such-command");
        assertEquals(2, result.status());
        assertTrue(result.err().contains("unknown command 'no-such-command'"), result.err());
        assertTrue(result.err().contains("codecs") && result.err().contains("backends"), result.err());
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result result = kiln("help");
        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("architectures"), result.out());
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }
}
