package dev.kiln.quant.k;

import java.lang.foreign.MemorySegment;

/** The packed sub-block scales of the K-quants (QUANT-FORMATS section 6). */
final class KScales {
    private KScales() {
    }

    /**
     * The scale of sub-block {@code j} (Q4_K/Q5_K): 12 bytes at {@code at} hold 8 six-bit scales and 8 six-bit mins. Bytes 0–3 carry
     * sc[0..3] in their low 6 bits and the top 2 bits of sc[4..7]; bytes 4–7 the same for the mins;
     * bytes 8–11 the low nibbles of sc[4..7] (low half) and mn[4..7] (high half).
     */
    static int scale6(MemorySegment s, long at, int j) {
        return j < 4 ? Le.u8(s, at + j) & 63 : (Le.u8(s, at + j + 4) & 15) | ((Le.u8(s, at + j - 4) >> 6) << 4);
    }

    /** The min of sub-block {@code j}, see {@link #scale6}. */
    static int min6(MemorySegment s, long at, int j) {
        return j < 4 ? Le.u8(s, at + j + 4) & 63 : (Le.u8(s, at + j + 4) >> 4) | ((Le.u8(s, at + j) >> 6) << 4);
    }

    /** Byte {@code k} of 12 scale bytes held as a long (bytes 0–7) and an int (bytes 8–11). */
    static int byteOf(long low8, int high4, int k) {
        return k < 8 ? Le.byteOf(low8, k) : (high4 >>> (8 * (k - 8))) & 0xFF;
    }

    /** {@link #scale6} from the 12 bytes held in registers (see {@link #byteOf(long, int, int)}). */
    static int scale6(long low8, int high4, int j) {
        return j < 4 ? byteOf(low8, high4, j) & 63
                : (byteOf(low8, high4, j + 4) & 15) | ((byteOf(low8, high4, j - 4) >> 6) << 4);
    }

    /** {@link #min6} from the 12 bytes held in registers. */
    static int min6(long low8, int high4, int j) {
        return j < 4 ? byteOf(low8, high4, j + 4) & 63
                : (byteOf(low8, high4, j + 4) >> 4) | ((byteOf(low8, high4, j) >> 6) << 4);
    }

    /**
     * All 8 scales of {@link #scale6}, one per byte of the result (sub-block j in byte j), from the
     * 12 bytes read as three little-endian ints u0, u1, u2 (bytes 0–3, 4–7, 8–11): sc[0..3] are
     * the low 6 bits of u0's bytes; sc[4..7] take their low nibble from u2's bytes and their top two
     * bits from bits 6–7 of u0's bytes. A handful of register operations instead of 8 branches.
     */
    static long scales6(int u0, int u2) {
        int high = (u2 & 0x0F0F0F0F) | ((u0 >>> 2) & 0x30303030);
        return (u0 & 0x3F3F3F3FL) | ((long) high << 32);
    }

    /** All 8 mins of {@link #min6}, as {@link #scales6}: mn[0..3] in u1, mn[4..7] from u2's high nibbles and u1's top bits. */
    static long mins6(int u1, int u2) {
        int high = ((u2 >>> 4) & 0x0F0F0F0F) | ((u1 >>> 2) & 0x30303030);
        return (u1 & 0x3F3F3F3FL) | ((long) high << 32);
    }

    /** {@link #scale3} from the 12 bytes held in registers. */
    static int scale3(long low8, int high4, int j) {
        int low = j < 8 ? byteOf(low8, high4, j) & 15 : byteOf(low8, high4, j - 8) >> 4;
        int high = (byteOf(low8, high4, 8 + j % 4) >> (2 * (j / 4))) & 3;
        return (low | (high << 4)) - 32;
    }

    /** The inverse of {@link #scale6} and {@link #min6}, written into {@code out[at .. at + 12)} (assumed zero). */
    static void pack6(byte[] out, int at, int[] sc, int[] mn) {
        for (int j = 0; j < 8; j++) {
            int ls = sc[j];
            int lm = mn[j];
            if (j < 4) {
                out[at + j] = (byte) ls;
                out[at + j + 4] = (byte) lm;
            } else {
                out[at + j + 4] = (byte) ((ls & 15) | ((lm & 15) << 4));
                out[at + j - 4] |= (byte) ((ls >> 4) << 6);
                out[at + j] |= (byte) ((lm >> 4) << 6);
            }
        }
    }

    /**
     * Q3_K: 12 bytes at {@code at} hold 16 six-bit scales biased by 32; returns scale {@code j}
     * unbiased (−32..31). Low nibble from byte j (j < 8) or the high nibble of byte j−8; top two
     * bits at bit 2·(j/4) of byte 8 + j mod 4.
     */
    static int scale3(MemorySegment s, long at, int j) {
        int low = j < 8 ? Le.u8(s, at + j) & 15 : Le.u8(s, at + j - 8) >> 4;
        int high = (Le.u8(s, at + 8 + j % 4) >> (2 * (j / 4))) & 3;
        return (low | (high << 4)) - 32;
    }

    /** Q3_K: packs 16 biased scales (0..63) into {@code out[at .. at + 12)} (assumed zero). */
    static void pack3(byte[] out, int at, int[] biased) {
        for (int j = 0; j < 16; j++) {
            int l = biased[j];
            if (j < 8) {
                out[at + j] = (byte) (l & 15);
            } else {
                out[at + j - 8] |= (byte) ((l & 15) << 4);
            }
            out[at + 8 + j % 4] |= (byte) ((l >> 4) << (2 * (j / 4)));
        }
    }
}
