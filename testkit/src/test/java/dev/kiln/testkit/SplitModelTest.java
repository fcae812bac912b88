package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.tensor.GgmlType;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitModelTest {
    @TempDir
    Path dir;

    private static GgufBuilder model(int tensors) {
        GgufBuilder b = new GgufBuilder(tensors).string("general.architecture", "llama").uint32("llama.block_count", tensors);
        for (int i = 0; i < tensors; i++) {
            b.tensor("blk." + i + ".w", GgmlType.Q8_0, 64, 3);
        }
        return b;
    }

    @Test
    void anyPartOpensTheWholeModel() throws IOException {
        byte[] last = new byte[34 * 2];
        new Random(1).nextBytes(last);
        List<Path> parts = model(6).tensor("last", GgmlType.Q8_0, last, 32, 2).writeSplit(dir, "m", 3);
        assertEquals(dir.resolve("m-00002-of-00003.gguf"), parts.get(1));
        for (Path opened : parts) {
            try (ModelSource model = Formats.gguf().open(opened)) {
                assertEquals(parts, model.files());
                assertEquals(7, model.tensors().size());
                assertEquals("llama", model.metadata().getString("general.architecture").orElseThrow());
                TensorDescriptor t = model.tensor("last").orElseThrow();
                assertEquals(2, t.file());
                assertArrayEquals(last, model.data(t).toArray(ValueLayout.JAVA_BYTE));
                long total = 0;
                for (Path p : parts) {
                    total += Files.size(p);
                }
                assertEquals(total, model.fileSize());
            }
        }
    }

    @Test
    void missingPartIsNamed() throws IOException {
        List<Path> parts = model(6).writeSplit(dir, "m", 3);
        Files.delete(parts.get(2));
        FormatException e = assertThrows(FormatException.class, () -> Formats.gguf().open(parts.get(0)));
        assertTrue(e.getMessage().startsWith(parts.get(2) + ": split part 3 of 3 is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("opened " + parts.get(0) + ", whose field 'split.count' at byte offset "),
                e.getMessage());
    }

    @Test
    void partOfAnotherModelIsNamed() throws IOException {
        List<Path> parts = model(6).writeSplit(dir, "m", 3);
        List<Path> other = model(9).writeSplit(dir, "other", 3);
        Files.copy(other.get(1), parts.get(1), StandardCopyOption.REPLACE_EXISTING);
        FormatException e = assertThrows(FormatException.class, () -> Formats.gguf().open(parts.get(0)));
        assertTrue(e.getMessage().startsWith(parts.get(1).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("split.tensors.count"), e.getMessage());
    }

    @Test
    void partOfADifferentlySplitModelIsNamed() throws IOException {
        List<Path> parts = model(6).writeSplit(dir, "m", 3);
        List<Path> other = model(6).writeSplit(dir, "other", 2);
        Files.copy(other.get(1), parts.get(2), StandardCopyOption.REPLACE_EXISTING);
        FormatException e = assertThrows(FormatException.class, () -> Formats.gguf().open(parts.get(1)));
        assertTrue(e.getMessage().startsWith(parts.get(2).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("model of 2 parts, expected 3"), e.getMessage());
    }

    @Test
    void tensorNameInTwoPartsIsRefused() throws IOException {
        List<Path> parts = new GgufBuilder(1).tensor("a", GgmlType.F32, 8).tensor("b", GgmlType.F32, 8)
                .writeSplit(dir, "m", 2);
        List<Path> other = new GgufBuilder(2).tensor("x", GgmlType.F32, 8).tensor("a", GgmlType.F32, 8)
                .writeSplit(dir, "other", 2);
        Files.copy(other.get(1), parts.get(1), StandardCopyOption.REPLACE_EXISTING);
        FormatException e = assertThrows(FormatException.class, () -> Formats.gguf().open(parts.get(0)));
        assertTrue(e.getMessage().startsWith(parts.get(1).toString()), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate tensor name across split parts"), e.getMessage());
    }

    @Test
    void splitFileWithoutItsNamingIsRefused() throws IOException {
        List<Path> parts = model(4).writeSplit(dir, "m", 2);
        Path renamed = Files.move(parts.get(0), dir.resolve("renamed.gguf"));
        FormatException e = assertThrows(FormatException.class, () -> Formats.gguf().open(renamed));
        assertTrue(e.getMessage().startsWith(renamed.toString()) && e.getMessage().contains("split.count"),
                e.getMessage());
    }
}
