package dev.kiln.quant.i;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Little-endian field access inside encoded blocks, as GGUF stores them. */
final class Bytes {
    static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Bytes() {
    }

    static int u8(MemorySegment s, long offset) {
        return s.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
    }

    static int u16(MemorySegment s, long offset) {
        return s.get(U16, offset) & 0xFFFF;
    }

    static int u32(MemorySegment s, long offset) {
        return s.get(U32, offset);
    }

    /** The fp16 at {@code offset} as float32; Java's conversion is exact for all 65,536 patterns. */
    static float f16(MemorySegment s, long offset) {
        return Float.float16ToFloat(s.get(U16, offset));
    }

    static void putU8(MemorySegment s, long offset, int value) {
        s.set(ValueLayout.JAVA_BYTE, offset, (byte) value);
    }

    static void putU16(MemorySegment s, long offset, int value) {
        s.set(U16, offset, (short) value);
    }

    static void putU32(MemorySegment s, long offset, int value) {
        s.set(U32, offset, value);
    }

    static void putF16(MemorySegment s, long offset, float value) {
        s.set(U16, offset, toF16Bits(value));
    }

    /** Round-to-nearest-even float32 to fp16; NaN becomes 0x7E00 with its sign, as ggml canonicalises it. */
    static short toF16Bits(float value) {
        if (Float.isNaN(value)) {
            return (short) (0x7E00 | ((Float.floatToRawIntBits(value) >>> 16) & 0x8000));
        }
        return Float.floatToFloat16(value);
    }

    /** The fp16 rounding of {@code value}, read back as float32 (what a decoder will see). */
    static float roundToF16(float value) {
        return Float.float16ToFloat(toF16Bits(value));
    }
}
