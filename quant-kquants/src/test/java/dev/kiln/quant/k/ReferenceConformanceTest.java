package dev.kiln.quant.k;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Walks manifest.json: for every listed type this bundle codes, decodes the reference's .q files
 * bit for bit, quantizes the input (with and without the importance matrix) and holds the squared
 * errors to 1.01× the reference's. Also reports the share of blocks byte-identical to the
 * reference's, and requires 100% of them: every quantizer here is a deterministic float32 port.
 */
class ReferenceConformanceTest {
    /** The types of this bundle that the vectors contain (F32, Q8_1 and Q8_K are not stored in models, so not there). */
    static final Set<GgmlType> EXPECTED_IN_VECTORS = EnumSet.of(GgmlType.F16, GgmlType.BF16, GgmlType.Q4_0,
            GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q8_0, GgmlType.Q2_K, GgmlType.Q3_K,
            GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K);

    @Test
    void everyTypeOfThisBundleIsInTheManifest() {
        ReferenceVectors vectors = ReferenceVectors.load();
        Set<GgmlType> listed = EnumSet.noneOf(GgmlType.class);
        for (JsonNode entry : vectors.manifest.get("types")) {
            GgmlType.fromName(entry.get("name").asText()).ifPresent(listed::add);
        }
        Set<GgmlType> missing = EnumSet.copyOf(EXPECTED_IN_VECTORS);
        missing.removeAll(listed);
        assertTrue(missing.isEmpty(), "manifest lacks types of this bundle: " + missing);
    }

    @TestFactory
    List<DynamicTest> referenceVectors() {
        ReferenceVectors vectors = ReferenceVectors.load();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode entry : vectors.manifest.get("types")) {
            GgmlType type = GgmlType.fromName(entry.get("name").asText()).orElse(null);
            if (type == null || !EXPECTED_IN_VECTORS.contains(type)) {
                continue;
            }
            BlockCodec codec = AllCodecs.of(type);
            for (String variant : List.of("without_imatrix", "with_imatrix")) {
                JsonNode v = entry.get(variant);
                if (v == null) {
                    continue;
                }
                boolean weighted = variant.equals("with_imatrix");
                tests.add(DynamicTest.dynamicTest(type.ggmlName() + " " + variant + " decodes bit-exactly",
                        () -> checkDecode(vectors, codec, entry, v)));
                tests.add(DynamicTest.dynamicTest(type.ggmlName() + " " + variant + " quantizes as the reference",
                        () -> checkQuantize(vectors, codec, entry, v, weighted)));
            }
        }
        return tests;
    }

    private static void checkDecode(ReferenceVectors vectors, BlockCodec codec, JsonNode entry, JsonNode v) {
        byte[] q = vectors.bytes(v.get("quant").asText());
        float[] expected = vectors.floats(v.get("dequant").asText());
        int rowBytes = entry.get("row_bytes").asInt();
        assertEquals((long) vectors.rows * rowBytes, q.length, "size of " + v.get("quant").asText());
        float[] row = new float[vectors.cols];
        MemorySegment seg = ReferenceVectors.segment(q);
        MemorySegment offHeap = MemorySegment.ofArray(new float[vectors.cols]);
        int differing = 0;
        for (int r = 0; r < vectors.rows; r++) {
            codec.dequantize(seg, (long) r * rowBytes, row, 0, vectors.cols);
            codec.dequantize(seg, (long) r * rowBytes, offHeap, 0, vectors.cols);
            for (int c = 0; c < vectors.cols; c++) {
                int want = Float.floatToRawIntBits(expected[r * vectors.cols + c]);
                if (Float.floatToRawIntBits(row[c]) != want
                        || Float.floatToRawIntBits(offHeap.getAtIndex(Le.FLOAT, c)) != want) {
                    differing++;
                }
            }
        }
        assertEquals(0, differing, codec.type().ggmlName() + ": float32 words differing from " + v.get("dequant").asText());
    }

    private static void checkQuantize(ReferenceVectors vectors, BlockCodec codec, JsonNode entry, JsonNode v,
                                      boolean weighted) {
        byte[] reference = vectors.bytes(v.get("quant").asText());
        int rowBytes = entry.get("row_bytes").asInt();
        byte[] ours = new byte[reference.length];
        MemorySegment seg = MemorySegment.ofArray(ours);
        for (int r = 0; r < vectors.rows; r++) {
            float[] rowIn = new float[vectors.cols];
            System.arraycopy(vectors.input, r * vectors.cols, rowIn, 0, vectors.cols);
            codec.quantizeRow(rowIn, 0, vectors.cols, weighted ? vectors.imatrix : null, seg, (long) r * rowBytes);
        }
        float[] deq = new float[vectors.rows * vectors.cols];
        codec.dequantize(seg, 0, deq, 0, deq.length);
        double sse = 0;
        double weightedSse = 0;
        for (int i = 0; i < deq.length; i++) {
            double diff = (double) vectors.input[i] - deq[i];
            sse += diff * diff;
            weightedSse += vectors.imatrix[i % vectors.cols] * diff * diff;
        }
        int blocks = reference.length / codec.blockBytes;
        int identical = 0;
        for (int b = 0; b < blocks; b++) {
            if (java.util.Arrays.equals(ours, b * codec.blockBytes, (b + 1) * codec.blockBytes,
                    reference, b * codec.blockBytes, (b + 1) * codec.blockBytes)) {
                identical++;
            }
        }
        double refSse = v.get("sse").asDouble();
        double refWeighted = v.get("imatrix_weighted_sse").asDouble();
        System.out.printf("CONFORMANCE %-5s %-15s sse %.6g (%.4fx ref) weighted %.6g (%.4fx ref) identical blocks %d/%d%n",
                codec.type().ggmlName(), weighted ? "with_imatrix" : "without_imatrix", sse, sse / refSse,
                weightedSse, weightedSse / refWeighted, identical, blocks);
        if (sse > 1.01 * refSse + 1e-12 || weightedSse > 1.01 * refWeighted + 1e-12) {
            fail(codec.type().ggmlName() + ": squared error " + sse + " / weighted " + weightedSse
                    + " exceeds 1.01x the reference's " + refSse + " / " + refWeighted);
        }
        assertEquals(blocks, identical, codec.type().ggmlName() + ": blocks byte-identical to the reference");
    }
}
