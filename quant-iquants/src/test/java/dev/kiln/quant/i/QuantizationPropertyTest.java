package dev.kiln.quant.i;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Quantize → dequantize on synthetic rows: never a NaN or infinity from finite input, an all-zero
 * row comes back all zero, and on dense rows the relative RMS error stays under a per-type bound
 * (about 1.5× what each type reaches on Gaussian data, so a broken search or a wrong scale shows).
 *
 * <p>Two kinds get weaker, format-given bounds. TINY rows (σ = 1e-6): the super-block scales
 * underflow fp16 for most types, which then decode to zeros, as the reference does; the bound is
 * "no worse than zeros". SPARSE rows: the IQ2/IQ3 codebooks have no zero level and IQ1 adds a
 * ±δ shift to every value, so zeros cost error; with an importance matrix the error stays below
 * that of zeros, while without one IQ1_M weights each value by x² and so ignores the zeros
 * entirely (the reference's choice, reproduced byte for byte), hence only finiteness is checked.
 */
class QuantizationPropertyTest {
    private static final int COLS = 2048;

    /** Relative RMS error bounds per type, for the well-scaled kinds of rows. */
    private static final Map<GgmlType, Double> BOUND = Map.ofEntries(
            Map.entry(GgmlType.IQ1_S, 0.75), Map.entry(GgmlType.IQ1_M, 0.70),
            Map.entry(GgmlType.IQ2_XXS, 0.55), Map.entry(GgmlType.IQ2_XS, 0.50),
            Map.entry(GgmlType.IQ2_S, 0.45), Map.entry(GgmlType.IQ3_XXS, 0.35),
            Map.entry(GgmlType.IQ3_S, 0.30), Map.entry(GgmlType.IQ4_NL, 0.15),
            Map.entry(GgmlType.IQ4_XS, 0.15), Map.entry(GgmlType.TQ1_0, 1.0),
            Map.entry(GgmlType.TQ2_0, 1.0), Map.entry(GgmlType.MXFP4, 0.30));

    @TestFactory
    List<DynamicTest> roundTripStaysFiniteAndBounded() {
        List<DynamicTest> tests = new ArrayList<>();
        for (BlockCodec codec : AllCodecs.list()) {
            for (Synthetic kind : Synthetic.values()) {
                for (boolean withImportance : new boolean[] {false, true}) {
                    if (!withImportance && codec.requiresImportance()) {
                        continue;
                    }
                    tests.add(DynamicTest.dynamicTest(codec.type().ggmlName() + " " + kind
                            + (withImportance ? " imatrix" : " plain"), () -> check(codec, kind, withImportance)));
                }
            }
        }
        return tests;
    }

    private static void check(BlockCodec codec, Synthetic kind, boolean withImportance) {
        float[] x = kind.row(COLS, 7);
        MemorySegment q = Arena.ofAuto().allocate(codec.type().byteSize(COLS));
        codec.quantizeRow(x, 0, COLS, withImportance ? Synthetic.importance(COLS, 3) : null, q, 0);
        float[] y = new float[COLS];
        codec.dequantize(q, 0, y, 0, COLS);
        double err = 0;
        double energy = 0;
        for (int i = 0; i < COLS; i++) {
            assertTrue(Float.isFinite(y[i]), codec.type().ggmlName() + " " + kind + ": value " + i + " is " + y[i]);
            err += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
            energy += (double) x[i] * x[i];
        }
        if (kind == Synthetic.ZERO) {
            assertEquals(0.0, err, codec.type().ggmlName() + ": an all-zero row must decode to zeros");
            return;
        }
        double rel = Math.sqrt(err / energy);
        double bound = switch (kind) {
            case TINY -> 1.0 + 1e-9;
            case SPARSE -> withImportance ? 1.0 : Double.POSITIVE_INFINITY;
            default -> BOUND.get(codec.type());
        };
        System.out.printf(Locale.ROOT, "PROPERTY %-8s %-9s %-7s rel RMS %.4f (bound %.2f)%n", codec.type().ggmlName(),
                kind, withImportance ? "imatrix" : "plain", rel, bound);
        assertTrue(rel <= bound, codec.type().ggmlName() + " " + kind + ": relative RMS error " + rel + " above " + bound);
    }
}
