package dev.kiln.quant.i;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testkit.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference data in {@code shared/testdata/quant-vectors}: the manifest and its raw little-endian files. */
final class ReferenceVectors {
    final Path dir;
    final JsonNode manifest;
    final int rows;
    final int cols;
    final float[] input;
    final float[] imatrix;

    private ReferenceVectors(Path dir) {
        this.dir = dir;
        try {
            this.manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.rows = manifest.get("rows").asInt();
        this.cols = manifest.get("cols").asInt();
        this.input = floats(manifest.get("input").asText());
        this.imatrix = floats(manifest.get("imatrix").asText());
    }

    /** The vectors, or the calling test is skipped loudly when the data is absent. */
    static ReferenceVectors load() {
        return new ReferenceVectors(TestData.require("quant-vectors"));
    }

    /** The manifest entry named {@code ggmlName}, or null. */
    JsonNode type(String ggmlName) {
        for (JsonNode t : manifest.get("types")) {
            if (t.get("name").asText().equalsIgnoreCase(ggmlName)) {
                return t;
            }
        }
        return null;
    }

    float[] floats(String file) {
        byte[] bytes = bytes(file);
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    byte[] bytes(String file) {
        try {
            return Files.readAllBytes(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MemorySegment segment(byte[] bytes) {
        MemorySegment s = Arena.ofAuto().allocate(bytes.length);
        MemorySegment.copy(MemorySegment.ofArray(bytes), 0, s, 0, bytes.length);
        return s;
    }
}
