package dev.kiln.format.gguf.internal;

import java.util.Map;

/** Facts of the GGUF format (ggml's docs/gguf.md) that both the reader and the writer rely on. */
public final class Gguf {
    /** "GGUF" as the first four bytes of every file. */
    public static final int MAGIC = 0x46554747;
    public static final int VERSION_WRITTEN = 3;
    public static final int MIN_VERSION = 2;
    public static final int MAX_VERSION = 3;
    public static final int MAX_DIMS = 4;
    public static final int DEFAULT_ALIGNMENT = 32;

    public static final String KEY_ALIGNMENT = "general.alignment";
    public static final String KEY_SPLIT_NO = "split.no";
    public static final String KEY_SPLIT_COUNT = "split.count";
    public static final String KEY_SPLIT_TENSORS_COUNT = "split.tensors.count";

    /** Type ids ggml once used and has removed; files carrying them were written by tools of that time. */
    public static final Map<Integer, String> RETIRED_TYPES = Map.of(
            4, "Q4_2", 5, "Q4_3",
            31, "Q4_0_4_4", 32, "Q4_0_4_8", 33, "Q4_0_8_8",
            36, "IQ4_NL_4_4", 37, "IQ4_NL_4_8", 38, "IQ4_NL_8_8");

    private Gguf() {
    }

    /** {@code position} rounded up to a multiple of {@code alignment} (a power of two). */
    public static long alignUp(long position, long alignment) {
        return Math.addExact(position, alignment - 1) & -alignment;
    }

    public static boolean isPowerOfTwo(long n) {
        return n > 0 && (n & (n - 1)) == 0;
    }
}
