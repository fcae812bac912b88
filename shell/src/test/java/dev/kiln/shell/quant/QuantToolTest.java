package dev.kiln.shell.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.quant.QuantCodec;
import dev.kiln.quant.k.F32Codec;
import dev.kiln.quant.k.Q4_KCodec;
import dev.kiln.quant.k.Q8_0Codec;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuantToolTest {
    private static final int ROWS = 3;
    private static final int COLS = 512;

    @TempDir
    Path dir;

    private final List<QuantCodec> codecs = List.of(new F32Codec(), new Q8_0Codec(), new Q4_KCodec());
    private final QuantTool tool = new QuantTool(codecs);

    @Test
    void quantizesLikeTheCodecAndDequantizesBack() throws IOException {
        float[] x = randomMatrix();
        Path in = writeFloats("in.f32", x);
        Path q = dir.resolve("q.bin");
        Path deq = dir.resolve("deq.f32");
        String summary = tool.run("quantize", "--type", "q4_k", "--rows", "" + ROWS, "--cols", "" + COLS,
                "--in", in.toString(), "--out", q.toString());
        assertTrue(summary.contains("q4_K"), summary);

        QuantCodec codec = new Q4_KCodec();
        long rowBytes = codec.type().byteSize(COLS);
        byte[] expected = new byte[(int) (ROWS * rowBytes)];
        for (int r = 0; r < ROWS; r++) {
            codec.quantizeRow(x, r * COLS, COLS, null, MemorySegment.ofArray(expected), r * rowBytes);
        }
        assertArrayEquals(expected, Files.readAllBytes(q));

        tool.run("dequantize", "--type", "Q4_K", "--rows", "" + ROWS, "--cols", "" + COLS,
                "--in", q.toString(), "--out", deq.toString());
        float[] y = readFloats(deq);
        float[] direct = new float[ROWS * COLS];
        codec.dequantize(MemorySegment.ofArray(expected), 0, direct, 0, ROWS * COLS);
        assertArrayEquals(direct, y);
    }

    @Test
    void usesTheImportanceMatrixWhenGiven() throws IOException {
        float[] x = randomMatrix();
        Path in = writeFloats("in.f32", x);
        float[] im = new float[COLS];
        for (int i = 0; i < COLS; i++) {
            im[i] = i % 2 == 0 ? 10f : 0.01f;
        }
        Path imatrix = writeFloats("im.f32", im);
        Path plain = dir.resolve("plain.bin");
        Path weighted = dir.resolve("weighted.bin");
        tool.run("quantize", "--type", "Q4_K", "--rows", "" + ROWS, "--cols", "" + COLS, "--in", in.toString(), "--out", plain.toString());
        String summary = tool.run("quantize", "--type", "Q4_K", "--rows", "" + ROWS, "--cols", "" + COLS, "--in", in.toString(),
                "--imatrix", imatrix.toString(), "--out", weighted.toString());
        assertTrue(summary.contains("importance"), summary);
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(plain), Files.readAllBytes(weighted)));
    }

    @Test
    void refusesUnknownTypesNamingTheInstalledOnes() throws IOException {
        Path in = writeFloats("in.f32", randomMatrix());
        QuantToolException e = assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "q9_z",
                "--rows", "" + ROWS, "--cols", "" + COLS, "--in", in.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(e.getMessage().contains("unknown type 'q9_z'") && e.getMessage().contains("q4_K"), e.getMessage());
        e = assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "iq4_xs",
                "--rows", "" + ROWS, "--cols", "" + COLS, "--in", in.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(e.getMessage().contains("no codec for iq4_xs"), e.getMessage());
    }

    @Test
    void refusesColumnsThatAreNotWholeBlocks() throws IOException {
        Path in = writeFloats("in.f32", new float[2 * 100]);
        QuantToolException e = assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "Q4_K",
                "--rows", "2", "--cols", "100", "--in", in.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(e.getMessage().contains("not a multiple of q4_K's block size 256"), e.getMessage());
    }

    @Test
    void refusesFilesWhoseSizeDoesNotMatchTheShape() throws IOException {
        Path in = writeFloats("in.f32", new float[ROWS * COLS - 1]);
        Path out = dir.resolve("o");
        QuantToolException e = assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "Q8_0",
                "--rows", "" + ROWS, "--cols", "" + COLS, "--in", in.toString(), "--out", out.toString()));
        assertTrue(e.getMessage().contains("has " + (4 * (ROWS * COLS - 1)) + " bytes"), e.getMessage());
        assertFalse(Files.exists(out), "nothing written on refusal");

        Path q = dir.resolve("q.bin");
        Files.write(q, new byte[100]);
        e = assertThrows(QuantToolException.class, () -> tool.run("dequantize", "--type", "Q8_0",
                "--rows", "" + ROWS, "--cols", "" + COLS, "--in", q.toString(), "--out", out.toString()));
        assertTrue(e.getMessage().contains("take " + ROWS * 544 + " bytes"), e.getMessage());

        Path shortImatrix = writeFloats("im.f32", new float[COLS - 1]);
        Path goodIn = writeFloats("good.f32", new float[ROWS * COLS]);
        e = assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "Q8_0", "--rows", "" + ROWS,
                "--cols", "" + COLS, "--in", goodIn.toString(), "--imatrix", shortImatrix.toString(), "--out", out.toString()));
        assertTrue(e.getMessage().contains("importance matrix"), e.getMessage());
    }

    @Test
    void refusesMalformedCommandLines() {
        assertThrows(QuantToolException.class, () -> tool.run());
        assertThrows(QuantToolException.class, () -> tool.run("compress", "--type", "Q8_0"));
        assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "Q8_0", "--rows", "2"));
        QuantToolException e = assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "Q8_0",
                "--rows", "-2", "--cols", "32", "--in", "a", "--out", "b"));
        assertTrue(e.getMessage().contains("--rows must be a positive integer"), e.getMessage());
        e = assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "Q8_0", "--bogus", "1"));
        assertTrue(e.getMessage().contains("unknown option '--bogus'"), e.getMessage());
        e = assertThrows(QuantToolException.class, () -> tool.run("quantize", "--type", "Q8_0", "--rows", "1", "--cols", "32",
                "--in", "/nonexistent/in.f32", "--out", "b"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void commandUsesWhateverCodecsAreBound() throws IOException {
        QuantCommand command = new QuantCommand();
        command.codecs = List.of(new Q8_0Codec());
        Path in = writeFloats("in.f32", randomMatrix());
        Path out = dir.resolve("q.bin");
        command.quant("quantize", "--type", "q8_0", "--rows", "" + ROWS, "--cols", "" + COLS, "--in", in.toString(), "--out", out.toString());
        assertEquals(ROWS * 544L, Files.size(out));
        assertThrows(QuantToolException.class, () -> command.quant("quantize", "--type", "q4_K", "--rows", "" + ROWS,
                "--cols", "" + COLS, "--in", in.toString(), "--out", out.toString()));
    }

    private float[] randomMatrix() {
        Random random = new Random(9);
        float[] x = new float[ROWS * COLS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private Path writeFloats(String name, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return Files.write(dir.resolve(name), buffer.array());
    }

    private static float[] readFloats(Path file) throws IOException {
        float[] out = new float[(int) (Files.size(file) / 4)];
        ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
