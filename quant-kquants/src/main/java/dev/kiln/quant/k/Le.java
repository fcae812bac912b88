package dev.kiln.quant.k;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Little-endian field access and the small float formats, as GGUF stores them. */
final class Le {
    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Le() {
    }

    static int u8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    static int s8(MemorySegment s, long at) {
        return s.get(ValueLayout.JAVA_BYTE, at);
    }

    static int s16(MemorySegment s, long at) {
        return s.get(SHORT, at);
    }

    static int u32(MemorySegment s, long at) {
        return s.get(INT, at);
    }

    /** Eight bytes at once: kernels unpack packed scales and sums from registers, not with one checked read per byte. */
    static long u64(MemorySegment s, long at) {
        return s.get(LONG, at);
    }

    /** Byte {@code k} (0..7) of a little-endian long, unsigned. */
    static int byteOf(long v, int k) {
        return (int) (v >>> (8 * k)) & 0xFF;
    }

    /** The signed 16-bit word {@code k} (0..3) of a little-endian long. */
    static int shortOf(long v, int k) {
        return (short) (v >>> (16 * k));
    }

    static float f32(MemorySegment s, long at) {
        return s.get(FLOAT, at);
    }

    /** The fp16 at {@code at} as float32 (exact; Java's conversion matches ggml for all 65,536 inputs). */
    static float half(MemorySegment s, long at) {
        return Float.float16ToFloat(s.get(SHORT, at));
    }

    /** float32 to fp16, round to nearest even; NaN canonicalised as ggml does so quantized bytes match. */
    static short toHalf(float v) {
        if (Float.isNaN(v)) {
            return (short) (0x7E00 | ((Float.floatToRawIntBits(v) >>> 16) & 0x8000));
        }
        return Float.floatToFloat16(v);
    }

    /** What a quantizer sees when it re-reads the scale it just stored. */
    static float roundTripHalf(float v) {
        return Float.float16ToFloat(toHalf(v));
    }

    static float bf16ToFloat(int bits16) {
        return Float.intBitsToFloat((bits16 & 0xFFFF) << 16);
    }

    /** float32 to bf16, round to nearest even on the bit pattern, NaN forced quiet (ggml's row conversion). */
    static short toBf16(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (short) ((bits >>> 16) | 0x0040);
        }
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** The fp16 stored at {@code b[at]}, as a quantizer re-reads a scale it just wrote. */
    static float halfAt(byte[] b, int at) {
        return Float.float16ToFloat((short) ((b[at] & 0xFF) | (b[at + 1] << 8)));
    }

    static void putShort(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }
}
