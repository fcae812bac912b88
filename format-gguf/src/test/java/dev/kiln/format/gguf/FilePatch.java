package dev.kiln.format.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Hand-corrupts a written GGUF file: finds a field by the name before it and overwrites its bytes. */
final class FilePatch {
    private final Path file;
    private final byte[] bytes;

    FilePatch(Path file) throws IOException {
        this.file = file;
        this.bytes = Files.readAllBytes(file);
    }

    /** Position just after the (unique) string {@code text}. */
    int after(String text) {
        return indexOf(text) + text.length();
    }

    /** Position of the (unique) string {@code text}. */
    int indexOf(String text) {
        byte[] wanted = text.getBytes(StandardCharsets.UTF_8);
        int found = -1;
        for (int i = 0; i + wanted.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                if (found >= 0) {
                    throw new IllegalStateException("'" + text + "' occurs more than once in " + file);
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("'" + text + "' not in " + file);
        }
        return found;
    }

    FilePatch u32(int position, int value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(position, value);
        return this;
    }

    FilePatch u64(int position, long value) {
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(position, value);
        return this;
    }

    long readU64(int position) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(position);
    }

    FilePatch put(int position, byte... values) {
        System.arraycopy(values, 0, bytes, position, values.length);
        return this;
    }

    FilePatch text(int position, String text) {
        return put(position, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the patched bytes, cut to {@code length}. */
    Path saveTruncated(int length) throws IOException {
        Files.write(file, Arrays.copyOf(bytes, length));
        return file;
    }

    Path save() throws IOException {
        Files.write(file, bytes);
        return file;
    }
}
