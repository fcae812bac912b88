package dev.kiln.format.gguf.internal;

import dev.kiln.api.format.FormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Walks a GGUF header in a mapped file, little-endian, refusing every read that would run past the
 * end. All lengths the file states are checked against the bytes that remain before anything is
 * allocated, so a corrupt length can never ask for more memory than the file itself holds.
 */
final class HeaderCursor {
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment file;
    private final String fileName;
    private long position;

    HeaderCursor(MemorySegment file, String fileName) {
        this.file = file;
        this.fileName = fileName;
    }

    long position() {
        return position;
    }

    long remaining() {
        return file.byteSize() - position;
    }

    String fileName() {
        return fileName;
    }

    byte u8(String field) {
        need(1, field);
        byte b = file.get(ValueLayout.JAVA_BYTE, position);
        position += 1;
        return b;
    }

    short u16(String field) {
        need(2, field);
        short v = file.get(U16, position);
        position += 2;
        return v;
    }

    int u32(String field) {
        need(4, field);
        int v = file.get(U32, position);
        position += 4;
        return v;
    }

    long u64(String field) {
        need(8, field);
        long v = file.get(U64, position);
        position += 8;
        return v;
    }

    /** A count the file states, checked to fit in what remains when each item takes at least {@code minItemBytes}. */
    long count(String field, long minItemBytes) {
        long at = position;
        long n = u64(field);
        if (n < 0 || (minItemBytes > 0 && n > remaining() / minItemBytes)) {
            throw refuse(at, field, "count " + Long.toUnsignedString(n) + " cannot fit in the " + remaining()
                    + " bytes left in the file (at least " + minItemBytes + " bytes each)");
        }
        return n;
    }

    /** A GGUF string: u64 byte length, then that many UTF-8 bytes. */
    String string(String field) {
        long at = position;
        long length = u64(field + " length");
        if (length < 0 || length > remaining()) {
            throw refuse(at, field + " length", "string of " + Long.toUnsignedString(length)
                    + " bytes runs past the end of the file (" + remaining() + " bytes left)");
        }
        byte[] bytes = file.asSlice(position, length).toArray(ValueLayout.JAVA_BYTE);
        position += length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private void need(long bytes, String field) {
        if (remaining() < bytes) {
            throw refuse(position, field, "file is truncated: needs " + bytes + " bytes, " + Math.max(0, remaining())
                    + " left (file is " + file.byteSize() + " bytes)");
        }
    }

    FormatException refuse(long offset, String field, String problem) {
        return GgufRefusal.of(fileName, offset, field, problem);
    }
}
