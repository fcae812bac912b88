package dev.kiln.api.tensor;

import java.util.Locale;
import java.util.Optional;

/**
 * Every tensor element type that GGUF files in use today carry, numbered as ggml numbers them.
 *
 * <p>Elements are stored in blocks: {@link #blockSize()} elements packed into {@link #blockBytes()}
 * bytes. A row's length must be a whole number of blocks. Ids that ggml has retired (4, 5, 31–33,
 * 36–38) are deliberately absent, so {@link #fromId(int)} refuses them.
 */
public enum GgmlType {
    F32(0, "f32", 1, 4),
    F16(1, "f16", 1, 2),
    Q4_0(2, "q4_0", 32, 18),
    Q4_1(3, "q4_1", 32, 20),
    Q5_0(6, "q5_0", 32, 22),
    Q5_1(7, "q5_1", 32, 24),
    Q8_0(8, "q8_0", 32, 34),
    /** Activation type: Q8_0 plus the block's sum, for dot products with Q4_1/Q5_1. */
    Q8_1(9, "q8_1", 32, 36),
    Q2_K(10, "q2_K", 256, 84),
    Q3_K(11, "q3_K", 256, 110),
    Q4_K(12, "q4_K", 256, 144),
    Q5_K(13, "q5_K", 256, 176),
    Q6_K(14, "q6_K", 256, 210),
    /** Activation type for K- and I-quant dot products: float scale, 256 int8, 16 int16 sums. */
    Q8_K(15, "q8_K", 256, 292),
    IQ2_XXS(16, "iq2_xxs", 256, 66),
    IQ2_XS(17, "iq2_xs", 256, 74),
    IQ3_XXS(18, "iq3_xxs", 256, 98),
    IQ1_S(19, "iq1_s", 256, 50),
    IQ4_NL(20, "iq4_nl", 32, 18),
    IQ3_S(21, "iq3_s", 256, 110),
    IQ2_S(22, "iq2_s", 256, 82),
    IQ4_XS(23, "iq4_xs", 256, 136),
    I8(24, "i8", 1, 1),
    I16(25, "i16", 1, 2),
    I32(26, "i32", 1, 4),
    I64(27, "i64", 1, 8),
    F64(28, "f64", 1, 8),
    IQ1_M(29, "iq1_m", 256, 56),
    BF16(30, "bf16", 1, 2),
    TQ1_0(34, "tq1_0", 256, 54),
    TQ2_0(35, "tq2_0", 256, 66),
    MXFP4(39, "mxfp4", 32, 17);

    private static final GgmlType[] BY_ID = new GgmlType[64];

    static {
        for (GgmlType type : values()) {
            BY_ID[type.id] = type;
        }
    }

    private final int id;
    private final String ggmlName;
    private final int blockSize;
    private final int blockBytes;

    GgmlType(int id, String ggmlName, int blockSize, int blockBytes) {
        this.id = id;
        this.ggmlName = ggmlName;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** The type id as GGUF tensor infos store it. */
    public int id() {
        return id;
    }

    /** The name ggml prints, for example {@code q4_K} or {@code iq2_xxs}. */
    public String ggmlName() {
        return ggmlName;
    }

    /** Elements per block. */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int blockBytes() {
        return blockBytes;
    }

    /** True for block-quantized types; false for plain float and integer element types. */
    public boolean isQuantized() {
        return blockSize > 1;
    }

    /** Storage cost in bits per element. */
    public double bitsPerWeight() {
        return 8.0 * blockBytes / blockSize;
    }

    /**
     * The bytes that {@code elements} elements occupy.
     *
     * @throws IllegalArgumentException if {@code elements} is negative or not a whole number of blocks
     */
    public long byteSize(long elements) {
        if (elements < 0 || elements % blockSize != 0) {
            throw new IllegalArgumentException(
                    elements + " elements is not a whole number of " + ggmlName + " blocks of " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) blockBytes);
    }

    /** The type with GGUF id {@code id}, or empty if Kiln does not know it (including retired ids). */
    public static Optional<GgmlType> fromId(int id) {
        return id >= 0 && id < BY_ID.length ? Optional.ofNullable(BY_ID[id]) : Optional.empty();
    }

    /** The type named {@code name} in ggml's or this enum's spelling, ignoring case ({@code Q4_K}, {@code q4_k}). */
    public static Optional<GgmlType> fromName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (GgmlType type : values()) {
            if (type.ggmlName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
