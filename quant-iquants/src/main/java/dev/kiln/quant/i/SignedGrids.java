package dev.kiln.quant.i;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Codebooks packed as 64-bit words for the dot product's integer form: eight int8 values per
 * long (byte j = element j), so that a group of 8 weights is one table load, a sign flip in a
 * register ({@link #applySigns}) and one store into the int8 scratch block.
 */
final class SignedGrids {
    /** Little-endian long and int stores into byte arrays (intrinsified by the JIT). */
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    static final long[] IQ2XXS = words(QuantTables.IQ2XXS_GRID, 8);
    static final long[] IQ2XS = words(QuantTables.IQ2XS_GRID, 8);
    static final long[] IQ2S = words(QuantTables.IQ2S_GRID, 8);
    /** iq3 grids: 4 values per entry, in the low 32 bits. */
    static final long[] IQ3XXS = words(QuantTables.IQ3XXS_GRID, 4);
    static final long[] IQ3S = words(QuantTables.IQ3S_GRID, 4);
    /** IQ1 values times 8 plus the shift (±1): 8v + 1 and 8v − 1, so a shifted level is an integer. */
    static final long[] IQ1_PLUS = iq1(1);
    static final long[] IQ1_MINUS = iq1(-1);
    /** Byte j is 0xFF when bit j of the index is set. */
    private static final long[] SIGN_MASKS = new long[256];
    private static final long LOW_BITS = 0x0101010101010101L;

    static {
        for (int s = 0; s < 256; s++) {
            long m = 0;
            for (int j = 0; j < 8; j++) {
                if (((s >> j) & 1) != 0) {
                    m |= 0xFFL << (8 * j);
                }
            }
            SIGN_MASKS[s] = m;
        }
    }

    /** Sign masks indexed by the 7-bit ksigns index (the parity bit already expanded). */
    private static final long[] KSIGN_MASKS = new long[128];

    static {
        for (int i = 0; i < 128; i++) {
            KSIGN_MASKS[i] = SIGN_MASKS[QuantTables.KSIGNS_IQ2XS[i]];
        }
    }

    private SignedGrids() {
    }

    /** {@link #applySigns} for a 7-bit ksigns index. */
    static long applyKsigns(long grid, int ksignsIndex) {
        long m = KSIGN_MASKS[ksignsIndex];
        return (grid ^ m) + (m & LOW_BITS);
    }

    /**
     * Negates the bytes of {@code grid} selected by the 8 sign bits, in one register: per byte
     * {@code (b ^ 0xFF) + 1 = −b}. No carry crosses a byte because codebook magnitudes are never 0.
     */
    static long applySigns(long grid, int signs) {
        long m = SIGN_MASKS[signs];
        return (grid ^ m) + (m & LOW_BITS);
    }

    private static long[] words(byte[] grid, int width) {
        long[] out = new long[grid.length / width];
        for (int i = 0; i < out.length; i++) {
            long w = 0;
            for (int j = 0; j < width; j++) {
                w |= (grid[width * i + j] & 0xFFL) << (8 * j);
            }
            out[i] = w;
        }
        return out;
    }

    private static long[] iq1(int shift) {
        byte[] grid = QuantTables.IQ1S_GRID;
        long[] out = new long[grid.length / 8];
        for (int i = 0; i < out.length; i++) {
            long w = 0;
            for (int j = 0; j < 8; j++) {
                w |= ((8 * grid[8 * i + j] + shift) & 0xFFL) << (8 * j);
            }
            out[i] = w;
        }
        return out;
    }
}
