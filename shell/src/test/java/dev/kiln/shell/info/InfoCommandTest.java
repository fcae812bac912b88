package dev.kiln.shell.info;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.testkit.DeepSeekV3Shape;
import dev.kiln.testkit.Formats;
import dev.kiln.testkit.GgufBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path dir;

    private final InfoCommand command = new InfoCommand(List.of(Formats.gguf()));

    private Path tinyLlama() {
        return new GgufBuilder(3)
                .string("general.architecture", "llama")
                .string("general.name", "tiny")
                .uint32("llama.context_length", 4096)
                .uint32("llama.block_count", 2)
                .uint32("llama.attention.head_count", 4)
                .uint32("llama.attention.head_count_kv", 2)
                .string("tokenizer.ggml.model", "llama")
                .strings("tokenizer.ggml.tokens", List.of("<unk>", "<s>", "</s>"))
                .metadata("test.big", MetadataValue.of(ValueType.UINT64, -1L))
                .metadata("test.nested", MetadataValue.array(new MetadataArray(ValueType.ARRAY,
                        List.of(new MetadataArray(ValueType.FLOAT32, List.of(0.5f))))))
                .tensor("token_embd.weight", GgmlType.Q8_0, 64, 3)
                .tensor("blk.0.attn_norm.weight", GgmlType.F32, 64)
                .tensor("blk.1.attn_norm.weight", GgmlType.F32, 64)
                .write(dir.resolve("tiny.gguf"));
    }

    private String run(Path file, boolean tensors, boolean json) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.print(file, tensors, json, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void summaryNamesWhatMatters() throws IOException {
        Path file = tinyLlama();
        String out = run(file, false, false);
        assertTrue(out.contains("architecture    llama (tiny)"), out);
        assertTrue(out.contains("parameters      320 (320)"), out);
        assertTrue(out.contains("context length  4096"), out);
        assertTrue(out.contains("layers          2"), out);
        assertTrue(out.contains("heads           4 (2 KV)"), out);
        assertTrue(out.contains("experts         none (dense)"), out);
        assertTrue(out.contains("vocabulary      3 tokens, tokenizer llama"), out);
        assertTrue(out.contains("chat template   absent"), out);
        assertTrue(out.contains("tensors         3: f32 2, q8_0 1"), out);
        // 192 Q8_0 elements take 204 bytes and 128 F32 take 512: 716 * 8 / 320 bits each.
        assertTrue(out.contains("bits per weight 17.90"), out);
        assertTrue(out.contains("(1 part, " + Files.size(file) / 1024 + "."), out);
        assertTrue(!out.contains("blk.0.attn_norm.weight"), "no table without --tensors");
    }

    @Test
    void tensorTableListsEveryTensor() throws IOException {
        String out = run(tinyLlama(), true, false);
        assertTrue(out.contains("blk.1.attn_norm.weight  f32       64"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("token_embd.weight") && l.contains("q8_0") && l.contains("64 x 3")
                && l.endsWith(" 204")), out);
    }

    @Test
    void jsonIsTheDocumentTheIssueDescribes() throws IOException {
        JsonNode doc = new ObjectMapper().readTree(run(tinyLlama(), false, true));
        assertEquals(3, doc.get("version").asInt());
        assertEquals(32, doc.get("alignment").asInt());
        JsonNode metadata = doc.get("metadata");
        assertEquals("UINT32", metadata.get("llama.block_count").get("type").asText());
        assertEquals(2, metadata.get("llama.block_count").get("value").asInt());
        assertEquals("18446744073709551615", metadata.get("test.big").get("value").bigIntegerValue().toString());
        JsonNode tokens = metadata.get("tokenizer.ggml.tokens");
        assertEquals("ARRAY", tokens.get("type").asText());
        assertEquals("STRING", tokens.get("element_type").asText());
        assertEquals(3, tokens.get("length").asInt());
        assertEquals("</s>", tokens.get("values").get(2).asText());
        JsonNode nested = metadata.get("test.nested").get("values").get(0);
        assertEquals("FLOAT32", nested.get("element_type").asText());
        assertEquals(0.5, nested.get("values").get(0).asDouble());
        JsonNode tensors = doc.get("tensors");
        assertEquals(3, tensors.size());
        assertEquals("token_embd.weight", tensors.get(0).get("name").asText());
        assertEquals(GgmlType.Q8_0.id(), tensors.get(0).get("type").asInt());
        assertEquals(List.of(64, 3), List.of(tensors.get(0).get("shape").get(0).asInt(), tensors.get(0).get("shape").get(1).asInt()));
        assertEquals(0, tensors.get(0).get("offset").asLong());
        assertEquals(224, tensors.get(1).get("offset").asLong(), "204 bytes rounded up to the 32-byte alignment");
        assertEquals(204, tensors.get(0).get("bytes").asLong());
        assertEquals(List.of("version", "alignment", "metadata", "tensors"), fieldNames(doc));
    }

    @Test
    void deepSeekV3ShapeSummary() throws IOException {
        List<Path> parts = DeepSeekV3Shape.sparse(GgmlType.Q4_K).writeSplit(dir, "ds", 3);
        String out = run(parts.get(1), false, false);
        assertTrue(out.contains("(3 parts, "), out);
        assertTrue(out.contains("architecture    deepseek2"), out);
        assertTrue(out.matches("(?s).*parameters      671\\.03 B.*"), out);
        assertTrue(out.contains("experts         256 (8 used per token)"), out);
        assertTrue(out.contains("heads           128 (128 KV)"), out);
        assertTrue(out.contains("layers          61"), out);
        assertTrue(out.contains("vocabulary      129280 tokens, tokenizer gpt2"), out);
        assertTrue(out.contains("chat template   present"), out);
        // F32: 4 norms in each of 61 layers, router and its bias in 58 MoE layers, the output norm.
        assertTrue(out.contains("tensors         1025: q4_K 664, f32 361"), out);
        assertTrue(out.contains("bits per weight 4.50"), out);
    }

    @Test
    void badFileIsRefusedWithTheFormatMessage() throws IOException {
        Path bad = Files.write(dir.resolve("bad.gguf"), "GGUF\u0001\u0000\u0000\u0000".getBytes(StandardCharsets.US_ASCII));
        String expected = assertThrows(FormatException.class, () -> Formats.gguf().open(bad)).getMessage();
        Exception e = assertThrows(Exception.class, () -> run(bad, false, false));
        assertEquals(expected, e.getMessage());
        assertTrue(expected.contains("version 1 is not supported"), expected);
    }

    @Test
    void missingFileIsNamed() {
        Path absent = dir.resolve("absent.gguf");
        Exception e = assertThrows(IllegalArgumentException.class, () -> run(absent, false, false));
        assertEquals(absent + ": no such file", e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
