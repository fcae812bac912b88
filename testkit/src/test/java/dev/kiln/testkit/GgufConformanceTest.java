package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every reference GGUF file in {@code vocab/} and {@code golden/} and compares what Kiln sees
 * with the {@code .gguf.json} the reference wrote beside it: version, alignment, data offset, every
 * key with type and value (long arrays by length, first values and SHA-256), every tensor.
 */
class GgufConformanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> vocabularyFiles() throws IOException {
        return filesIn("vocab");
    }

    @TestFactory
    Stream<DynamicTest> goldenModels() throws IOException {
        return filesIn("golden");
    }

    private static Stream<DynamicTest> filesIn(String folder) throws IOException {
        Path dir = TestData.require(folder);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".gguf")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .gguf files in " + dir);
        return files.stream().map(file -> dynamicTest(file.getFileName().toString(), () -> conforms(file)));
    }

    private static void conforms(Path file) throws IOException {
        JsonNode expected = JSON.readTree(file.resolveSibling(file.getFileName() + ".json").toFile());
        try (ModelSource model = Formats.gguf().open(file)) {
            assertEquals(expected.get("version").asInt(), model.version(), "version");
            long alignment = model.metadata().getLong("general.alignment").orElse(32);
            assertEquals(expected.get("alignment").asLong(), alignment, "alignment");
            long dataOffset = model.dataOffset(0).orElseThrow();
            assertEquals(expected.get("data_offset").asLong(), dataOffset, "data offset");
            assertEquals(expected.get("kv_count").asInt(), model.metadata().entries().size(), "kv_count");
            assertEquals(expected.get("tensor_count").asInt(), model.tensors().size(), "tensor_count");

            JsonNode keys = expected.get("metadata");
            assertEquals(fieldNames(keys), List.copyOf(model.metadata().entries().keySet()), "keys in file order");
            for (Map.Entry<String, MetadataValue> e : model.metadata().entries().entrySet()) {
                MetadataComparison.assertMatches(e.getKey(), keys.get(e.getKey()), e.getValue());
            }

            JsonNode tensors = expected.get("tensors");
            for (int i = 0; i < tensors.size(); i++) {
                JsonNode want = tensors.get(i);
                TensorDescriptor t = model.tensors().get(i);
                String name = want.get("name").asText();
                assertEquals(name, t.name(), "tensor #" + i);
                assertEquals(want.get("ggml_type").asInt(), t.type().id(), name + " type");
                List<Long> shape = new ArrayList<>();
                want.get("shape").forEach(d -> shape.add(d.asLong()));
                assertEquals(shape, t.shape(), name + " shape");
                assertEquals(want.get("data_offset").asLong(), dataOffset + t.offset(), name + " data_offset");
                assertEquals(want.get("n_bytes").asLong(), t.byteSize(), name + " n_bytes");
                assertEquals(t.byteSize(), model.data(t).byteSize(), name + " mapped bytes");
            }
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
