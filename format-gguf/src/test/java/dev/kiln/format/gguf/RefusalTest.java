package dev.kiln.format.gguf;

import static dev.kiln.format.gguf.SyntheticFiles.ALPHA;
import static dev.kiln.format.gguf.SyntheticFiles.BRAVO;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.ModelSource;
import dev.kiln.format.gguf.internal.GgufFormat;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file is refused, each made by hand-corrupting one field of a valid synthetic file. */
class RefusalTest {
    @TempDir
    Path dir;

    private Path file;
    private FilePatch patch;

    @BeforeEach
    void writeValidFile() throws IOException {
        file = SyntheticFiles.small(dir);
        patch = new FilePatch(file);
    }

    @Test
    void theUnpatchedFileOpens() {
        assertDoesNotThrow(() -> new GgufFormat().open(file).close());
    }

    @Test
    void badMagic() throws IOException {
        patch.text(0, "GGML").save();
        refused(0, "magic", "not a GGUF file");
    }

    @Test
    void bigEndianFile() throws IOException {
        patch.put(4, (byte) 0, (byte) 0, (byte) 0, (byte) 3).save();
        refused(4, "version", "big-endian");
    }

    @Test
    void versionOneNamesFoundAndSupportedVersions() throws IOException {
        patch.u32(4, 1).save();
        refused(4, "version", "GGUF version 1 is not supported; supported versions are 2 and 3");
    }

    @Test
    void unknownVersion() throws IOException {
        patch.u32(4, 77).save();
        refused(4, "version", "GGUF version 77 is not supported");
    }

    @Test
    void versionTwoIsRead() throws IOException {
        patch.u32(4, 2).save();
        try (ModelSource model = new GgufFormat().open(file)) {
            assertTrue(model.version() == 2 && model.tensors().size() == 2);
        }
    }

    @Test
    void truncatedInTheFixedHeader() throws IOException {
        patch.saveTruncated(12);
        refused(8, "tensor_count", "file is truncated: needs 8 bytes, 4 left");
    }

    @Test
    void truncatedInTheTensorInfos() throws IOException {
        int nDims = patch.after(BRAVO);
        patch.saveTruncated(nDims + 2);
        refused(nDims, "tensor '" + BRAVO + "' n_dims", "truncated");
    }

    @Test
    void stringLengthPastTheEnd() throws IOException {
        int length = patch.indexOf("llama") - 8;
        patch.u64(length, 1L << 40).save();
        refused(length, "value of metadata 'general.architecture' length", "runs past the end of the file");
    }

    @Test
    void arrayLengthPastTheEnd() throws IOException {
        int count = patch.after("test.strings") + 8;
        patch.u64(count, 1L << 50).save();
        refused(count, "value of metadata 'test.strings' length", "cannot fit");
    }

    @Test
    void hugeTensorCountIsBoundedByTheFile() throws IOException {
        patch.u64(8, Long.MAX_VALUE).save();
        refused(8, "tensor_count", "cannot fit");
    }

    @Test
    void duplicateKey() throws IOException {
        int keyB = patch.indexOf("test.key.b");
        patch.text(keyB, "test.key.a").save();
        refused(keyB - 8, "metadata key #2", "duplicate key 'test.key.a'");
    }

    @Test
    void invalidBool() throws IOException {
        int value = patch.after("test.flag") + 4;
        patch.put(value, (byte) 7).save();
        refused(value, "value of metadata 'test.flag'", "BOOL must be 0 or 1");
    }

    @Test
    void unknownValueType() throws IOException {
        int type = patch.after("test.key.a");
        patch.u32(type, 13).save();
        refused(type, "type of metadata 'test.key.a'", "unknown metadata value type id 13");
    }

    @Test
    void alignmentNotAPowerOfTwo() throws IOException {
        Path aligned = dir.resolve("aligned.gguf");
        new dev.kiln.format.gguf.writer.GgufWriter().alignment(64).write(aligned);
        FilePatch p = new FilePatch(aligned);
        int value = p.after("general.alignment") + 4;
        p.u32(value, 48).save();
        FormatException e = assertThrows(FormatException.class, () -> new GgufFormat().open(aligned));
        assertTrue(e.getMessage().contains("at byte offset " + value) && e.getMessage().contains("power of two"),
                e.getMessage());
    }

    @Test
    void duplicateTensorName() throws IOException {
        int bravo = patch.indexOf(BRAVO);
        patch.text(bravo, ALPHA).save();
        refused(bravo - 8, "name of tensor #1", "duplicate tensor name '" + ALPHA + "'");
    }

    @Test
    void moreThanFourDimensions() throws IOException {
        int nDims = patch.after(ALPHA);
        patch.u32(nDims, 5).save();
        refused(nDims, "tensor '" + ALPHA + "' n_dims", "must be 1 to 4, found 5");
    }

    @Test
    void zeroDimension() throws IOException {
        int dim1 = patch.after(ALPHA) + 12;
        patch.u64(dim1, 0).save();
        refused(dim1, "tensor '" + ALPHA + "' dimension 1", "must be positive, found 0");
    }

    @Test
    void negativeDimension() throws IOException {
        int dim0 = patch.after(ALPHA) + 4;
        patch.u64(dim0, -8).save();
        refused(dim0, "tensor '" + ALPHA + "' dimension 0", "must be positive");
    }

    @Test
    void elementCountOverflow() throws IOException {
        int dim0 = patch.after(ALPHA) + 4;
        patch.u64(dim0, 1L << 40).u64(dim0 + 8, 1L << 40).save();
        refused(dim0 + 8, "tensor '" + ALPHA + "' dimension 1", "overflows 64 bits");
    }

    @Test
    void retiredTensorType() throws IOException {
        int type = patch.after(ALPHA) + 20;
        patch.u32(type, 4).save();
        refused(type, "tensor '" + ALPHA + "' type", "tensor type id 4 is Q4_2, a format ggml has removed");
    }

    @Test
    void unknownTensorType() throws IOException {
        int type = patch.after(ALPHA) + 20;
        patch.u32(type, 99).save();
        refused(type, "tensor '" + ALPHA + "' type", "unknown tensor type id 99");
    }

    @Test
    void rowNotWholeBlocks() throws IOException {
        int nDims = patch.after(BRAVO);
        patch.u64(nDims + 4, 16).u64(nDims + 12, 4).save();
        refused(nDims + 4, "tensor '" + BRAVO + "' dimension 0", "not a whole number of q8_0 blocks");
    }

    @Test
    void tensorPastTheDataSection() throws IOException {
        int offset = patch.after(BRAVO) + 24;
        patch.u64(offset, 1L << 20).save();
        refused(offset, "tensor '" + BRAVO + "' offset", "lie outside");
    }

    @Test
    void tensorOffsetFarBeyondTheFile() throws IOException {
        int offset = patch.after(BRAVO) + 24;
        patch.u64(offset, Long.MAX_VALUE & -32L).save();
        refused(offset, "tensor '" + BRAVO + "' offset", "lie outside");
    }

    @Test
    void misalignedTensor() throws IOException {
        int offset = patch.after(BRAVO) + 24;
        patch.u64(offset, patch.readU64(offset) + 4).save();
        refused(offset, "tensor '" + BRAVO + "' offset", "not a multiple of the alignment 32");
    }

    @Test
    void overlappingTensors() throws IOException {
        int offset = patch.after(BRAVO) + 24;
        patch.u64(offset, 0).save();
        refused(offset, "tensor '" + BRAVO + "' offset", "overlap tensor '" + ALPHA + "'");
    }

    @Test
    void truncatedDataSection() throws IOException {
        int bravoOffset = patch.after(BRAVO) + 24;
        patch.saveTruncated((int) java.nio.file.Files.size(file) - 40);
        refused(bravoOffset, "tensor '" + BRAVO + "' offset", "lie outside");
    }

    private void refused(long offset, String field, String problem) {
        FormatException e = assertThrows(FormatException.class, () -> new GgufFormat().open(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), message);
        assertTrue(message.contains("at byte offset " + offset + ","), message);
        assertTrue(message.contains("field '" + field + "'"), message);
        assertTrue(message.contains(problem), message);
    }
}
