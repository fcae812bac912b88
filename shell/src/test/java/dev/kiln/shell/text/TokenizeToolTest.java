package dev.kiln.shell.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.text.TokenizerProvider;
import dev.kiln.testkit.Formats;
import dev.kiln.testkit.GgufBuilder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tokenize command on a real GGUF file written by the test kit, with the real tokenizer service. */
class TokenizeToolTest {
    @TempDir
    Path folder;

    private TokenizeTool tool() {
        List<TokenizerProvider> providers = ServiceLoader.load(TokenizerProvider.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        return new TokenizeTool(List.of(Formats.gguf()), providers);
    }

    private Path model() {
        return new GgufBuilder(1)
                .string("general.architecture", "llama")
                .string("tokenizer.ggml.model", "gpt2")
                .string("tokenizer.ggml.pre", "gpt-2")
                .strings("tokenizer.ggml.tokens", List.of("h", "i", "Ġ", "hi", "Ġhi", "<s>"))
                .array("tokenizer.ggml.token_type", ValueType.INT32, List.of(1L, 1L, 1L, 1L, 1L, 3L))
                .strings("tokenizer.ggml.merges", List.of("h i", "Ġ hi"))
                .uint32("tokenizer.ggml.bos_token_id", 5)
                .metadata("tokenizer.ggml.add_bos_token", MetadataValue.bool(true))
                .write(folder.resolve("tiny.gguf"));
    }

    private String run(TokenizeTool.Options options) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tool().run(options, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsIdsOnOneLineWithBos() throws Exception {
        assertEquals("5 3 4\n", run(new TokenizeTool.Options(model(), "hi hi", null, true, false, false)));
    }

    @Test
    void printsPiecesLikeLlamaTokenize() throws Exception {
        String out = run(new TokenizeTool.Options(model(), "hi hi", null, false, true, false));
        assertEquals("     3 -> 'hi'\n     4 -> ' hi'\n", out);
    }

    @Test
    void controlTokensShowTheirText() throws Exception {
        assertEquals("     5 -> '<s>'\n     3 -> 'hi'\n", run(new TokenizeTool.Options(model(), "hi", null, false, false, false)));
    }

    @Test
    void parseSpecialRecognisesControlTokens() throws Exception {
        assertEquals("5\n", run(new TokenizeTool.Options(model(), "<s>", null, true, true, true)));
    }

    @Test
    void refusesAMissingModelFileByName() {
        Path missing = folder.resolve("missing.gguf");
        FormatException e = assertThrows(FormatException.class,
                () -> run(new TokenizeTool.Options(missing, "x", null, true, false, false)));
        assertTrue(e.getMessage().contains("missing.gguf") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void needsExactlyOneSourceOfText() {
        assertThrows(IllegalArgumentException.class, () -> run(new TokenizeTool.Options(model(), null, null, true, false, false)));
    }
}
