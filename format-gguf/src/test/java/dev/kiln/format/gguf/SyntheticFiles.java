package dev.kiln.format.gguf;

import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.format.gguf.writer.GgufWriter;
import dev.kiln.format.gguf.writer.TensorContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Small GGUF files whose every field the refusal tests can find by name. */
final class SyntheticFiles {
    /** Two tensors with names of equal length, so one can be renamed into the other. */
    static final String ALPHA = "tensor.alpha";
    static final String BRAVO = "tensor.bravo";

    private SyntheticFiles() {
    }

    static Path small(Path dir) throws IOException {
        Random random = new Random(7);
        Path file = dir.resolve("small.gguf");
        new GgufWriter()
                .put("general.architecture", MetadataValue.string("llama"))
                .put("test.key.a", MetadataValue.uint32(1))
                .put("test.key.b", MetadataValue.uint32(2))
                .put("test.flag", MetadataValue.bool(true))
                .put("test.strings", MetadataValue.array(new MetadataArray(ValueType.STRING, List.of("x", "yy"))))
                .tensor(ALPHA, GgmlType.F32, List.of(8L, 2L), TensorContent.of(bytes(random, 64)))
                .tensor(BRAVO, GgmlType.Q8_0, List.of(32L, 2L), TensorContent.of(bytes(random, 68)))
                .write(file);
        return file;
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
