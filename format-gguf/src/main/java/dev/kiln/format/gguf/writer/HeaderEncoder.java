package dev.kiln.format.gguf.writer;

import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Encodes the header little-endian into a growing buffer. */
final class HeaderEncoder {
    private ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);

    int position() {
        return buffer.position();
    }

    ByteBuffer finish() {
        return buffer.flip();
    }

    void u32(int v) {
        room(4).putInt(v);
    }

    void u64(long v) {
        room(8).putLong(v);
    }

    void string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        u64(bytes.length);
        room(bytes.length).put(bytes);
    }

    void zeros(int n) {
        room(n).put(new byte[n]);
    }

    void value(MetadataValue value) {
        u32(value.type().id());
        payload(value.type(), value.value());
    }

    private void payload(ValueType type, Object value) {
        switch (type) {
            case UINT8, INT8 -> room(1).put((byte) (long) (Long) value);
            case UINT16, INT16 -> room(2).putShort((short) (long) (Long) value);
            case UINT32, INT32 -> u32((int) (long) (Long) value);
            case UINT64, INT64 -> u64((Long) value);
            case FLOAT32 -> room(4).putFloat((Float) value);
            case FLOAT64 -> room(8).putDouble((Double) value);
            case BOOL -> room(1).put((byte) ((Boolean) value ? 1 : 0));
            case STRING -> string((String) value);
            case ARRAY -> {
                MetadataArray array = (MetadataArray) value;
                u32(array.elementType().id());
                u64(array.size());
                for (Object element : array.values()) {
                    payload(array.elementType(), element);
                }
            }
        }
    }

    private ByteBuffer room(int bytes) {
        if (buffer.remaining() < bytes) {
            long wanted = Math.max((long) buffer.capacity() * 2, (long) buffer.position() + bytes);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("GGUF header larger than 2 GiB");
            }
            ByteBuffer bigger = ByteBuffer.allocate((int) wanted).order(ByteOrder.LITTLE_ENDIAN);
            bigger.put(buffer.flip());
            buffer = bigger;
        }
        return buffer;
    }
}
