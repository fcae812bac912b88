package dev.kiln.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ModelFormat;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.tensor.GgmlType;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupts valid files thousands of ways (byte flips, truncations, lengths and counts replaced by
 * hostile values) and requires every result to open cleanly or be refused with FormatException:
 * no other exception, no OutOfMemoryError, no case slower than {@link #MAX_CASE_MILLIS}.
 */
class GgufFuzzTest {
    /** A fixed seed keeps the build repeatable; {@code -Dkiln.fuzz.seed=N -Dkiln.fuzz.scale=K} explores further. */
    private static final long SEED = Long.getLong("kiln.fuzz.seed", 20261123);
    private static final int SCALE = Integer.getInteger("kiln.fuzz.scale", 1);
    private static final int SYNTHETIC_CASES = 3000 * SCALE;
    private static final int CASES_PER_VOCAB_FILE = 40 * SCALE;
    private static final long MAX_CASE_MILLIS = 2000;
    private static final long[] HOSTILE = {0, 1, 2, 3, 255, 0xFFFF, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL,
            1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -1, -8};

    @TempDir
    Path dir;

    private final ModelFormat gguf = Formats.gguf();
    private final List<String> failures = new ArrayList<>();
    private int opened;
    private int refused;

    @Test
    @Timeout(value = 120, unit = java.util.concurrent.TimeUnit.SECONDS)
    void corruptedFilesOpenOrAreRefused() throws IOException {
        Random random = new Random(SEED);
        Path synthetic = synthetic(dir.resolve("synthetic.gguf"));
        fuzz(synthetic, SYNTHETIC_CASES, random);
        if (TestData.has("vocab")) {
            List<Path> vocabs;
            try (Stream<Path> listing = Files.list(TestData.root().resolve("vocab"))) {
                vocabs = listing.filter(p -> p.toString().endsWith(".gguf")).sorted().toList();
            }
            for (Path vocab : vocabs) {
                Path copy = Files.copy(vocab, dir.resolve("vocab.gguf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                fuzz(copy, CASES_PER_VOCAB_FILE, random);
            }
        } else {
            System.err.println("!!! fuzzing synthetic files only: no reference vocabularies under " + TestData.root());
        }
        System.out.println("fuzz: " + opened + " corrupted files opened, " + refused + " refused");
        // Both outcomes must occur, or the mutations are not reaching the parser (or not corrupting anything).
        assertTrue(opened > 100 && refused > 1000, "opened " + opened + ", refused " + refused);
        assertTrue(failures.isEmpty(), failures.size() + " corrupted files escaped FormatException:\n"
                + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    /** A file with every value type, a nested array, a string array and tensors of several types. */
    private static Path synthetic(Path file) {
        return new GgufBuilder(5)
                .string("general.architecture", "llama")
                .uint32("llama.block_count", 2)
                .float32("llama.rope.freq_base", 10000f)
                .bool("tokenizer.ggml.add_bos_token", true)
                .strings("tokenizer.ggml.tokens", List.of("<unk>", "<s>", "</s>", "hello", "world"))
                .array("tokenizer.ggml.scores", ValueType.FLOAT32, List.of(0f, 0f, 0f, -1f, -2f))
                .array("test.int64", ValueType.INT64, List.of(-1L, 1L << 40))
                .metadata("test.nested", MetadataValue.array(new MetadataArray(ValueType.ARRAY, List.of(
                        new MetadataArray(ValueType.UINT8, List.of(1L, 2L)),
                        new MetadataArray(ValueType.STRING, List.of("x"))))))
                .metadata("test.f64", MetadataValue.of(ValueType.FLOAT64, 0.5))
                .tensor("token_embd.weight", GgmlType.Q4_K, 256, 5)
                .tensor("blk.0.attn_norm.weight", GgmlType.F32, 64)
                .tensor("blk.0.ffn_up.weight", GgmlType.Q8_0, 64, 4, 2)
                .tensor("output.weight", GgmlType.F16, 64, 5)
                .write(file);
    }

    private void fuzz(Path file, int cases, Random random) throws IOException {
        byte[] original = Files.readAllBytes(file);
        int headerEnd = headerEnd(file, original.length);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (int c = 0; c < cases; c++) {
                int kind = random.nextInt(3);
                String description;
                List<int[]> touched = new ArrayList<>();
                if (kind == 0) {
                    int flips = 1 + random.nextInt(8);
                    StringBuilder what = new StringBuilder("flip");
                    for (int i = 0; i < flips; i++) {
                        int at = random.nextInt(headerEnd);
                        byte value = (byte) random.nextInt(256);
                        raf.seek(at);
                        raf.write(value);
                        touched.add(new int[] {at, 1});
                        what.append(' ').append(at).append('=').append(value & 0xFF);
                    }
                    description = what.toString();
                } else if (kind == 1) {
                    int length = random.nextInt(original.length);
                    raf.setLength(length);
                    description = "truncate to " + length;
                } else {
                    int at = random.nextInt(Math.max(1, headerEnd - 8));
                    long value = random.nextInt(4) == 0 ? random.nextLong() : HOSTILE[random.nextInt(HOSTILE.length)];
                    byte[] encoded = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
                    raf.seek(at);
                    raf.write(encoded);
                    touched.add(new int[] {at, 8});
                    description = "u64 " + value + " at " + at;
                }
                check(file, description);
                restore(raf, original, touched);
            }
        }
    }

    private void check(Path file, String description) {
        long start = System.nanoTime();
        try (ModelSource model = gguf.open(file)) {
            model.metadata().entries().size();
            for (TensorDescriptor t : model.tensors()) {
                MemorySegment data = model.data(t);
                if (data.byteSize() > 0) {
                    data.get(ValueLayout.JAVA_BYTE, 0);
                    data.get(ValueLayout.JAVA_BYTE, data.byteSize() - 1);
                }
            }
            opened++;
        } catch (FormatException e) {
            refused++;
            if (!e.getMessage().contains(file.toString())) {
                failures.add(file.getFileName() + " " + description + ": message does not name the file: "
                        + e.getMessage());
            }
        } catch (Throwable escaped) {
            failures.add(file.getFileName() + " " + description + ": " + escaped);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > MAX_CASE_MILLIS) {
            failures.add(file.getFileName() + " " + description + ": took " + millis + " ms");
        }
    }

    private static void restore(RandomAccessFile raf, byte[] original, List<int[]> touched) throws IOException {
        if (raf.length() != original.length) {
            raf.setLength(0);
            raf.seek(0);
            raf.write(original);
            return;
        }
        for (int[] range : touched) {
            raf.seek(range[0]);
            raf.write(original, range[0], range[1]);
        }
    }

    /** Where the header ends: mutations aim there, since corrupting tensor data cannot make a file invalid. */
    private int headerEnd(Path file, int length) throws IOException {
        try (ModelSource model = gguf.open(file)) {
            return (int) Math.min(length, model.dataOffset(0).orElseThrow());
        }
    }
}
