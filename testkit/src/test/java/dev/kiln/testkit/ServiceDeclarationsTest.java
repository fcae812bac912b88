package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every module's services are declared twice: {@code provides} in module-info (module path) and
 * {@code META-INF/services} (class path). This keeps the two lists identical across the repository.
 */
class ServiceDeclarationsTest {
    private static final Pattern PROVIDES = Pattern.compile("provides\\s+([\\w.]+)\\s+with\\s+([^;]+);");

    @Test
    void moduleInfoAndMetaInfServicesAgree() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Map<String, List<String>> fromModuleInfo = new TreeMap<>();
        Map<String, List<String>> fromServiceFiles = new TreeMap<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                Path moduleInfo = module.resolve("src/main/java/module-info.java");
                if (Files.exists(moduleInfo)) {
                    Matcher m = PROVIDES.matcher(Files.readString(moduleInfo));
                    while (m.find()) {
                        fromModuleInfo.put(module.getFileName() + ":" + m.group(1), sorted(m.group(2).split(",")));
                    }
                }
                Path services = module.resolve("src/main/resources/META-INF/services");
                if (Files.isDirectory(services)) {
                    try (Stream<Path> files = Files.list(services)) {
                        for (Path file : files.toList()) {
                            fromServiceFiles.put(module.getFileName() + ":" + file.getFileName(),
                                    sorted(Files.readString(file).split("\\s+")));
                        }
                    }
                }
            }
        }
        assertFalse(fromModuleInfo.isEmpty(), "no module-info.java found under " + root);
        assertEquals(fromModuleInfo, fromServiceFiles);
    }

    private static List<String> sorted(String[] names) {
        List<String> list = new ArrayList<>(Arrays.stream(names).map(String::strip).filter(s -> !s.isEmpty()).toList());
        list.sort(null);
        return list;
    }
}
