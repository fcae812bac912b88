package dev.kiln.quant.k;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.testkit.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference's quant vectors (../shared/testdata/quant-vectors): manifest, input, imatrix, files. */
final class ReferenceVectors {
    final Path dir;
    final JsonNode manifest;
    final int rows;
    final int cols;
    final float[] input;
    final float[] imatrix;

    private ReferenceVectors(Path dir) throws IOException {
        this.dir = dir;
        this.manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        this.rows = manifest.get("rows").asInt();
        this.cols = manifest.get("cols").asInt();
        this.input = floats(manifest.get("input").asText());
        this.imatrix = floats(manifest.get("imatrix").asText());
    }

    /** Loads the vectors, or aborts the calling test loudly when the data is absent. */
    static ReferenceVectors load() {
        try {
            return new ReferenceVectors(TestData.require("quant-vectors"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] bytes(String file) {
        try {
            return Files.readAllBytes(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    float[] floats(String file) {
        byte[] raw = bytes(file);
        float[] out = new float[raw.length / 4];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    static MemorySegment segment(byte[] bytes) {
        return MemorySegment.ofArray(bytes);
    }
}
