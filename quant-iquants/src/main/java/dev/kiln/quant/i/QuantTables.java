package dev.kiln.quant.i;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The I-quant and FP4 codebooks, read once from {@code quant-tables.json}, the format's spec table
 * shipped in this bundle as a resource.
 *
 * <p>Why a resource and a tiny reader rather than Java constants: the tables are the shared spec's
 * file byte for byte (never retyped, so never mistyped), generating sources would need an extra
 * build plugin, and the reader below only has to find {@code "name": {... "values": [ ... ]}},
 * which keeps the codec bundle free of any JSON library. Grids are expanded to one byte per
 * element ({@code grid[8 * index + j]} = byte j of the little-endian word) because every decoder
 * and quantizer reads them that way.
 */
final class QuantTables {
    private static final String RESOURCE = "quant-tables.json";

    /** iq2xxs_grid: 256 entries × 8 magnitudes (8, 25 or 43). */
    static final byte[] IQ2XXS_GRID;
    /** iq2xs_grid: 512 entries × 8 magnitudes. */
    static final byte[] IQ2XS_GRID;
    /** iq2s_grid: 1024 entries × 8 magnitudes. */
    static final byte[] IQ2S_GRID;
    /** iq3xxs_grid: 256 entries × 4 magnitudes. */
    static final byte[] IQ3XXS_GRID;
    /** iq3s_grid: 512 entries × 4 magnitudes. */
    static final byte[] IQ3S_GRID;
    /** iq1s_grid: 2048 entries × 8 signed values −1, 0, +1. */
    static final byte[] IQ1S_GRID;
    /** ksigns_iq2xs: 7 stored sign bits to 8 (the eighth makes the count of negatives even). */
    static final int[] KSIGNS_IQ2XS;
    /** kvalues_iq4nl: the 16 non-linear 4-bit levels, sorted. */
    static final byte[] KVALUES_IQ4NL;
    /** kvalues_fp4: E2M1 values doubled. */
    static final byte[] KVALUES_FP4;
    /** The IQ1 shift of every level. */
    static final float IQ1S_DELTA;

    static {
        String json = readResource();
        IQ2XXS_GRID = expand(values(json, "iq2xxs_grid"), 8, 256);
        IQ2XS_GRID = expand(values(json, "iq2xs_grid"), 8, 512);
        IQ2S_GRID = expand(values(json, "iq2s_grid"), 8, 1024);
        IQ3XXS_GRID = expand(values(json, "iq3xxs_grid"), 4, 256);
        IQ3S_GRID = expand(values(json, "iq3s_grid"), 4, 512);
        IQ1S_GRID = expand(values(json, "iq1s_grid"), 8, 2048);
        KSIGNS_IQ2XS = Arrays.stream(values(json, "ksigns_iq2xs")).mapToInt(v -> (int) v).toArray();
        KVALUES_IQ4NL = expand(values(json, "kvalues_iq4nl"), 1, 16);
        KVALUES_FP4 = expand(values(json, "kvalues_fp4"), 1, 16);
        IQ1S_DELTA = Float.parseFloat(scalar(json, "iq1s_delta"));
        if (KSIGNS_IQ2XS.length != 128) {
            throw new IllegalStateException(RESOURCE + ": ksigns_iq2xs has " + KSIGNS_IQ2XS.length + " values, expected 128");
        }
    }

    private QuantTables() {
    }

    private static String readResource() {
        try (InputStream in = QuantTables.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the I-quant codec bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Splits each value into {@code bytesPerValue} little-endian bytes; checks the entry count. */
    private static byte[] expand(long[] values, int bytesPerValue, int expectedCount) {
        if (values.length != expectedCount) {
            throw new IllegalStateException(RESOURCE + ": table has " + values.length + " values, expected " + expectedCount);
        }
        byte[] out = new byte[values.length * bytesPerValue];
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < bytesPerValue; j++) {
                out[i * bytesPerValue + j] = (byte) (values[i] >>> (8 * j));
            }
        }
        return out;
    }

    /** The numbers of {@code "values": [...]} inside the object named {@code name}; strings hold uint64 decimals. */
    private static long[] values(String json, String name) {
        int at = json.indexOf('"' + name + '"');
        if (at < 0) {
            throw new IllegalStateException(RESOURCE + ": no table named " + name);
        }
        int open = json.indexOf('[', json.indexOf("\"values\"", at));
        int close = json.indexOf(']', open);
        String[] items = json.substring(open + 1, close).split(",");
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            String item = items[i].strip();
            if (item.startsWith("\"")) {
                item = item.substring(1, item.length() - 1);
            }
            out[i] = item.startsWith("-") ? Long.parseLong(item) : Long.parseUnsignedLong(item);
        }
        return out;
    }

    private static String scalar(String json, String name) {
        int at = json.indexOf('"' + name + '"');
        if (at < 0) {
            throw new IllegalStateException(RESOURCE + ": no value named " + name);
        }
        int start = json.indexOf(':', at) + 1;
        int end = start;
        while (end < json.length() && ",}\n".indexOf(json.charAt(end)) < 0) {
            end++;
        }
        return json.substring(start, end).strip();
    }
}
