package dev.kiln.format.gguf.internal;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.MetadataValue;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opens a GGUF model: maps the file, reads its header, and for a split model finds, maps and checks
 * every other part. All parts share one arena, which is closed if anything is refused.
 */
final class GgufOpener {
    private GgufOpener() {
    }

    static GgufModelSource open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            GgufPart first = readPart(arena, path);
            List<GgufPart> parts = splitCount(first) > 1 ? allParts(arena, first) : List.of(first);
            checkUniqueNames(parts);
            return new GgufModelSource(arena, parts);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private static GgufPart readPart(Arena arena, Path path) throws IOException {
        MemorySegment mapping;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            // The mapping outlives the channel; the OS pages in only what the header walk touches.
            mapping = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        }
        return new GgufPartReader(path, mapping).read();
    }

    private static List<GgufPart> allParts(Arena arena, GgufPart opened) throws IOException {
        int count = splitCount(opened);
        String file = opened.fileName();
        SplitName name = SplitName.parse(opened.path()).orElseThrow(() -> GgufRefusal.of(file,
                opened.keyOffsets().get(Gguf.KEY_SPLIT_COUNT), Gguf.KEY_SPLIT_COUNT, "the file says it is one of "
                        + count + " parts, but its name does not follow <name>-00001-of-" + String.format("%05d", count)
                        + ".gguf, so the other parts cannot be found"));
        if (name.count() != count) {
            throw GgufRefusal.of(file, opened.keyOffsets().get(Gguf.KEY_SPLIT_COUNT), Gguf.KEY_SPLIT_COUNT,
                    "is " + count + " but the file name says " + name.count() + " parts");
        }
        long tensorTotal = splitKey(opened, Gguf.KEY_SPLIT_TENSORS_COUNT, 0, Integer.MAX_VALUE);
        List<GgufPart> parts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Path partPath = name.part(i);
            GgufPart part;
            if (partPath.normalize().equals(opened.path().toAbsolutePath().normalize())) {
                part = opened;
            } else if (!Files.isRegularFile(partPath)) {
                throw new FormatException(partPath + ": split part " + (i + 1) + " of " + count + " is missing (opened "
                        + opened.path() + ", whose field '" + Gguf.KEY_SPLIT_COUNT + "' at byte offset "
                        + opened.keyOffsets().get(Gguf.KEY_SPLIT_COUNT) + " is " + count + ")");
            } else {
                part = readPart(arena, partPath);
            }
            checkPart(part, i, count, tensorTotal);
            parts.add(part);
        }
        long found = parts.stream().mapToLong(p -> p.tensors().size()).sum();
        if (found != tensorTotal) {
            throw GgufRefusal.of(parts.getFirst().fileName(), parts.getFirst().keyOffsets().get(Gguf.KEY_SPLIT_TENSORS_COUNT),
                    Gguf.KEY_SPLIT_TENSORS_COUNT, "says " + tensorTotal + " tensors, the " + count + " parts hold " + found);
        }
        return parts;
    }

    private static void checkPart(GgufPart part, int index, int count, long tensorTotal) {
        if (splitCount(part) != count) {
            throw GgufRefusal.of(part.fileName(), offsetOf(part, Gguf.KEY_SPLIT_COUNT), Gguf.KEY_SPLIT_COUNT,
                    "this part belongs to a model of " + splitCount(part) + " parts, expected " + count);
        }
        long no = splitKey(part, Gguf.KEY_SPLIT_NO, 0, count - 1);
        if (no != index) {
            throw GgufRefusal.of(part.fileName(), offsetOf(part, Gguf.KEY_SPLIT_NO), Gguf.KEY_SPLIT_NO,
                    "is " + no + " but the file name makes it part " + index + " (counted from 0)");
        }
        long total = splitKey(part, Gguf.KEY_SPLIT_TENSORS_COUNT, 0, Integer.MAX_VALUE);
        if (total != tensorTotal) {
            throw GgufRefusal.of(part.fileName(), offsetOf(part, Gguf.KEY_SPLIT_TENSORS_COUNT),
                    Gguf.KEY_SPLIT_TENSORS_COUNT, "is " + total + " but the first part says " + tensorTotal);
        }
    }

    /** The split.count key, 1 when absent (a model in one file). */
    private static int splitCount(GgufPart part) {
        if (!part.metadata().contains(Gguf.KEY_SPLIT_COUNT)) {
            return 1;
        }
        return (int) splitKey(part, Gguf.KEY_SPLIT_COUNT, 1, 99_999);
    }

    private static long splitKey(GgufPart part, String key, long min, long max) {
        Optional<MetadataValue> value = part.metadata().get(key);
        long at = offsetOf(part, key);
        if (value.isEmpty()) {
            throw GgufRefusal.of(part.fileName(), at, key, "missing in a part of a split model");
        }
        if (!value.get().type().isInteger()) {
            throw GgufRefusal.of(part.fileName(), at, key, "must be an integer, found " + value.get().type());
        }
        long n = (Long) value.get().value();
        if (n < min || n > max) {
            throw GgufRefusal.of(part.fileName(), at, key, "must be " + min + " to " + max + ", found " + n);
        }
        return n;
    }

    /** Where a key's value is, or the end of the metadata when the key is absent (where it should have been). */
    private static long offsetOf(GgufPart part, String key) {
        Long at = part.keyOffsets().get(key);
        return at != null ? at : part.dataOffset();
    }

    private static void checkUniqueNames(List<GgufPart> parts) {
        if (parts.size() < 2) {
            return;
        }
        Map<String, Integer> partOf = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            for (TensorInfo t : parts.get(i).tensors()) {
                Integer earlier = partOf.putIfAbsent(t.name(), i);
                if (earlier != null) {
                    throw GgufRefusal.of(parts.get(i).fileName(), t.offsetFieldAt(), "tensor '" + t.name() + "' name",
                            "duplicate tensor name across split parts: also in " + parts.get(earlier).path());
                }
            }
        }
    }
}
