package dev.kiln.shell.quant;

import dev.kiln.api.KilnException;
import dev.kiln.api.quant.QuantCodec;
import dev.kiln.api.tensor.GgmlType;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The logic of {@code kiln:quant}: quantizes a raw float32 matrix to any type a codec is installed
 * for, or dequantizes one back, through memory-mapped files (models' matrices do not fit the heap
 * comfortably). Every size is checked against the shape and type before any output is written.
 */
public final class QuantTool {
    private static final ValueLayout.OfFloat FLOAT_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final List<QuantCodec> codecs;

    /** A tool over the codecs installed now (any bundle's, I-quants included). */
    public QuantTool(Collection<QuantCodec> codecs) {
        this.codecs = List.copyOf(codecs);
    }

    /** Runs one command line; returns a one-line summary, or throws {@link QuantToolException} with the reason. */
    public String run(String... args) {
        QuantArguments a = QuantArguments.parse(args);
        QuantCodec codec = codecFor(a.type());
        GgmlType type = codec.type();
        if (a.cols() % type.blockSize() != 0) {
            throw new QuantToolException("--cols " + a.cols() + " is not a multiple of " + type.ggmlName()
                    + "'s block size " + type.blockSize());
        }
        long rowBytes = type.byteSize(a.cols());
        long floatBytes = Math.multiplyExact(Math.multiplyExact((long) a.rows(), a.cols()), 4L);
        long quantBytes = Math.multiplyExact(rowBytes, a.rows());
        try {
            if (a.action().equals("quantize")) {
                return quantize(a, codec, rowBytes, floatBytes, quantBytes);
            }
            return dequantize(a, codec, rowBytes, floatBytes, quantBytes);
        } catch (IOException e) {
            throw new QuantToolException("I/O error: " + e, e);
        } catch (KilnException e) {
            throw new QuantToolException(type.ggmlName() + " codec refused: " + e.getMessage(), e);
        }
    }

    private String quantize(QuantArguments a, QuantCodec codec, long rowBytes, long floatBytes, long quantBytes)
            throws IOException {
        requireSize(a.in(), "input", floatBytes, a.rows() + " x " + a.cols() + " float32");
        float[] importance = null;
        if (a.imatrix() != null) {
            requireSize(a.imatrix(), "importance matrix", 4L * a.cols(), a.cols() + " float32");
            importance = readFloats(a.imatrix(), a.cols());
        } else if (codec.requiresImportance()) {
            throw new QuantToolException(codec.type().ggmlName() + " needs an importance matrix: add --imatrix <file>");
        }
        try (Arena arena = Arena.ofConfined();
             FileChannel in = FileChannel.open(a.in(), StandardOpenOption.READ);
             FileChannel out = openOutput(a.out())) {
            MemorySegment src = in.map(FileChannel.MapMode.READ_ONLY, 0, floatBytes, arena);
            MemorySegment dst = out.map(FileChannel.MapMode.READ_WRITE, 0, quantBytes, arena);
            float[] row = new float[a.cols()];
            for (int r = 0; r < a.rows(); r++) {
                MemorySegment.copy(src, FLOAT_LE, (long) r * a.cols() * 4, row, 0, a.cols());
                codec.quantizeRow(row, 0, a.cols(), importance, dst, r * rowBytes);
            }
            dst.force();
        }
        return "quantized " + a.rows() + " x " + a.cols() + " to " + codec.type().ggmlName() + " ("
                + quantBytes + " bytes" + (importance != null ? ", with importance matrix" : "") + ") -> " + a.out();
    }

    private String dequantize(QuantArguments a, QuantCodec codec, long rowBytes, long floatBytes, long quantBytes)
            throws IOException {
        requireSize(a.in(), "input", quantBytes, a.rows() + " rows of " + rowBytes + " bytes of " + codec.type().ggmlName());
        try (Arena arena = Arena.ofConfined();
             FileChannel in = FileChannel.open(a.in(), StandardOpenOption.READ);
             FileChannel out = openOutput(a.out())) {
            MemorySegment src = in.map(FileChannel.MapMode.READ_ONLY, 0, quantBytes, arena);
            MemorySegment dst = out.map(FileChannel.MapMode.READ_WRITE, 0, floatBytes, arena);
            for (int r = 0; r < a.rows(); r++) {
                codec.dequantize(src, r * rowBytes, dst, (long) r * a.cols() * 4, a.cols());
            }
            dst.force();
        }
        return "dequantized " + a.rows() + " x " + a.cols() + " " + codec.type().ggmlName() + " (" + floatBytes
                + " bytes float32) -> " + a.out();
    }

    private QuantCodec codecFor(String name) {
        GgmlType type = GgmlType.fromName(name).orElseThrow(() -> new QuantToolException(
                "unknown type '" + name + "'; installed codecs: " + installed()));
        return codecs.stream().filter(c -> c.type() == type).findFirst().orElseThrow(() -> new QuantToolException(
                "no codec for " + type.ggmlName() + " is installed; installed codecs: " + installed()));
    }

    private String installed() {
        return codecs.stream().map(c -> c.type().ggmlName()).sorted(String.CASE_INSENSITIVE_ORDER)
                .collect(Collectors.joining(", "));
    }

    private static void requireSize(Path file, String what, long expected, String shape) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new QuantToolException(what + " file " + file + " does not exist or is not a file");
        }
        long size = Files.size(file);
        if (size != expected) {
            throw new QuantToolException(String.format(Locale.ROOT, "%s file %s has %d bytes, but %s take %d bytes",
                    what, file, size, shape, expected));
        }
    }

    private static float[] readFloats(Path file, int count) throws IOException {
        float[] out = new float[count];
        MemorySegment.copy(MemorySegment.ofArray(Files.readAllBytes(file)), FLOAT_LE, 0, out, 0, count);
        return out;
    }

    private static FileChannel openOutput(Path out) throws IOException {
        return FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
}
