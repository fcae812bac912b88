package dev.kiln.format.gguf.internal;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file naming of split models, {@code <prefix>-00001-of-00009.gguf} (parts numbered from 1 in the
 * name, from 0 in the {@code split.no} key).
 */
record SplitName(Path directory, String prefix, int number, int count) {
    private static final Pattern NAME = Pattern.compile("(.+)-(\\d{5})-of-(\\d{5})\\.gguf");

    static Optional<SplitName> parse(Path file) {
        Path fileName = file.getFileName();
        if (fileName == null) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(fileName.toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        Path directory = file.toAbsolutePath().getParent();
        return Optional.of(new SplitName(directory, m.group(1), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    /** The path of part {@code index}, counted from 0 as {@code split.no} counts. */
    Path part(int index) {
        return directory.resolve(String.format("%s-%05d-of-%05d.gguf", prefix, index + 1, count));
    }
}
