package dev.kiln.quant.i;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance against the reference vectors: every listed variant of every type of this module
 * decodes bit for bit, and re-quantizing the input stays within 1.02× the reference's plain and
 * importance-weighted squared error. Also prints the share of byte-identical blocks per variant.
 */
class IQuantConformanceTest {
    private static final double SSE_FACTOR = 1.02;
    private static final String[] VARIANTS = {"without_imatrix", "with_imatrix"};

    @Test
    void everyTypeOfThisModuleIsInTheManifest() {
        ReferenceVectors vectors = ReferenceVectors.load();
        for (BlockCodec codec : AllCodecs.list()) {
            assertNotNull(vectors.type(codec.type().ggmlName()),
                    "manifest.json lists no " + codec.type().ggmlName() + "; the conformance set is incomplete");
        }
    }

    @TestFactory
    List<DynamicTest> dequantizesBitExact() {
        ReferenceVectors vectors = ReferenceVectors.load();
        List<DynamicTest> tests = new ArrayList<>();
        for (BlockCodec codec : AllCodecs.list()) {
            JsonNode entry = vectors.type(codec.type().ggmlName());
            for (String variant : VARIANTS) {
                if (entry != null && entry.has(variant)) {
                    tests.add(DynamicTest.dynamicTest(codec.type().ggmlName() + " " + variant,
                            () -> checkDequantize(vectors, codec, entry, entry.get(variant))));
                }
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> quantizesWithinTheReferenceError() {
        ReferenceVectors vectors = ReferenceVectors.load();
        List<DynamicTest> tests = new ArrayList<>();
        for (BlockCodec codec : AllCodecs.list()) {
            JsonNode entry = vectors.type(codec.type().ggmlName());
            for (String variant : VARIANTS) {
                if (entry != null && entry.has(variant)) {
                    tests.add(DynamicTest.dynamicTest(codec.type().ggmlName() + " " + variant,
                            () -> checkQuantize(vectors, codec, entry, variant)));
                }
            }
        }
        return tests;
    }

    private static void checkDequantize(ReferenceVectors v, BlockCodec codec, JsonNode entry, JsonNode files) {
        int rowBytes = entry.get("row_bytes").asInt();
        MemorySegment quant = ReferenceVectors.segment(v.bytes(files.get("quant").asText()));
        float[] expected = v.floats(files.get("dequant").asText());
        float[] row = new float[v.cols];
        MemorySegment offHeap = Arena.ofAuto().allocate((long) v.cols * Float.BYTES);
        int differing = 0;
        for (int r = 0; r < v.rows; r++) {
            codec.dequantize(quant, (long) r * rowBytes, row, 0, v.cols);
            codec.dequantize(quant, (long) r * rowBytes, offHeap, 0, v.cols);
            for (int c = 0; c < v.cols; c++) {
                int want = Float.floatToRawIntBits(expected[r * v.cols + c]);
                if (Float.floatToRawIntBits(row[c]) != want
                        || Float.floatToRawIntBits(offHeap.getAtIndex(Bytes.F32, c)) != want) {
                    differing++;
                }
            }
        }
        assertEquals(0, differing, codec.type().ggmlName() + ": values differing from the reference bit pattern");
    }

    private static void checkQuantize(ReferenceVectors v, BlockCodec codec, JsonNode entry, String variant) {
        JsonNode files = entry.get(variant);
        boolean withImatrix = variant.equals("with_imatrix");
        int rowBytes = entry.get("row_bytes").asInt();
        byte[] reference = v.bytes(files.get("quant").asText());
        MemorySegment ours = Arena.ofAuto().allocate((long) rowBytes * v.rows);
        float[] deq = new float[v.cols];
        double sse = 0;
        double weighted = 0;
        for (int r = 0; r < v.rows; r++) {
            codec.quantizeRow(v.input, r * v.cols, v.cols, withImatrix ? v.imatrix : null, ours, (long) r * rowBytes);
            codec.dequantize(ours, (long) r * rowBytes, deq, 0, v.cols);
            for (int c = 0; c < v.cols; c++) {
                double e = (double) v.input[r * v.cols + c] - deq[c];
                assertTrue(Double.isFinite(e), codec.type().ggmlName() + ": non-finite value at row " + r + " col " + c);
                sse += e * e;
                weighted += v.imatrix[c] * e * e;
            }
        }
        int blocks = reference.length / codec.blockBytes;
        int identical = 0;
        for (int b = 0; b < blocks; b++) {
            long at = (long) b * codec.blockBytes;
            if (MemorySegment.mismatch(ours, at, at + codec.blockBytes,
                    MemorySegment.ofArray(reference), at, at + codec.blockBytes) < 0) {
                identical++;
            }
        }
        double refSse = files.get("sse").asDouble();
        double refWeighted = files.get("imatrix_weighted_sse").asDouble();
        System.out.printf(Locale.ROOT, "CONFORMANCE %-8s %-16s sse ratio %.6f  weighted ratio %.6f  identical blocks %d/%d (%.1f%%)%n",
                codec.type().ggmlName(), variant, sse / refSse, weighted / refWeighted, identical, blocks,
                100.0 * identical / blocks);
        assertTrue(sse <= SSE_FACTOR * refSse, codec.type().ggmlName() + " " + variant + ": SSE " + sse
                + " exceeds " + SSE_FACTOR + " × reference " + refSse);
        assertTrue(weighted <= SSE_FACTOR * refWeighted, codec.type().ggmlName() + " " + variant
                + ": weighted SSE " + weighted + " exceeds " + SSE_FACTOR + " × reference " + refWeighted);
    }
}
