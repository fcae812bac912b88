package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.tensor.GgmlType;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real DeepSeek-V3 shape, about 380 GB of Q4_K in nine sparse parts, opens from any part without reading data. */
class DeepSeekV3SparseTest {
    @TempDir
    static Path dir;

    static List<Path> parts;

    @BeforeAll
    static void writeSparseModel() {
        parts = DeepSeekV3Shape.sparse(GgmlType.Q4_K).writeSplit(dir, "DeepSeek-V3-Q4_K", 9);
    }

    @Test
    void opensAsOneModelOfTheRealShape() throws IOException {
        long start = System.nanoTime();
        try (ModelSource model = Formats.gguf().open(parts.get(4))) {
            long openMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("opened sparse DeepSeek-V3 shape (" + model.fileSize() / 1_000_000_000 + " GB, 9 parts) in "
                    + openMillis + " ms");
            assertEquals(parts, model.files());
            int moeLayers = DeepSeekV3Shape.LAYERS - DeepSeekV3Shape.LEADING_DENSE_LAYERS;
            assertEquals(3 + 12 * DeepSeekV3Shape.LEADING_DENSE_LAYERS + 17 * moeLayers, model.tensors().size());
            long parameters = model.tensors().stream().mapToLong(TensorDescriptor::elementCount).sum();
            assertTrue(parameters > 660e9 && parameters < 690e9, "parameters: " + parameters);
            assertTrue(model.fileSize() > 4L << 30, "each part is past 4 GiB, so offsets are too");
            assertEquals(List.of(7168L, 2048L, 256L), model.tensor("blk.60.ffn_gate_exps.weight").orElseThrow().shape());
            assertEquals(List.of(2048L, 7168L, 256L), model.tensor("blk.60.ffn_down_exps.weight").orElseThrow().shape());
            assertTrue(model.tensor("blk.2.ffn_gate.weight").isPresent() && model.tensor("blk.3.ffn_gate.weight").isEmpty());
            assertEquals(129_280, model.metadata().getStringList("tokenizer.ggml.tokens").orElseThrow().size());
            assertEquals(256, model.metadata().getLong("deepseek2.expert_count").orElseThrow());
            TensorDescriptor last = model.tensors().getLast();
            assertEquals("output.weight", last.name());
            assertEquals(8, last.file());
            assertEquals(0, model.data(last).get(ValueLayout.JAVA_BYTE, last.byteSize() - 1), "holes read as zero");
        }
    }
}
