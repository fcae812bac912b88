package dev.kiln.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.api.format.ModelSource;
import dev.kiln.testkit.Formats;
import dev.kiln.testkit.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The reference's tokenizations of {@code testdata/vocab/ggml-vocab-*.gguf.inp}: every text must
 * give exactly the ids of the matching {@code .out} line (no BOS, special-token parsing off), and
 * decoding those ids must give the text back.
 */
class VocabConformanceTest {
    private static final String SEPARATOR = "\n__ggml_vocab_test__\n";

    @TestFactory
    Stream<DynamicTest> everyVocabularyMatchesTheReference() throws IOException {
        Path folder = TestData.require("vocab");
        List<Path> inputs;
        try (Stream<Path> files = Files.list(folder)) {
            inputs = files.filter(f -> f.getFileName().toString().endsWith(".gguf.inp")).sorted().toList();
        }
        return inputs.stream().map(input -> DynamicTest.dynamicTest(input.getFileName().toString(), () -> check(input)));
    }

    private static void check(Path input) throws IOException {
        String name = input.getFileName().toString();
        Path gguf = input.resolveSibling(name.substring(0, name.length() - ".inp".length()));
        Path expected = input.resolveSibling(name.substring(0, name.length() - ".inp".length()) + ".out");
        List<String> texts = texts(Files.readString(input, StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(expected, StandardCharsets.UTF_8);
        assertEquals(texts.size(), lines.size(), "texts in " + input + " vs lines in " + expected);

        GgufTokenizer tokenizer;
        try (ModelSource source = Formats.gguf().open(gguf)) {
            String model = source.metadata().getString("tokenizer.ggml.model").orElse("?");
            Assumptions.assumeTrue(model.equals("llama") || model.equals("gpt2"),
                    () -> "tokenizer model '" + model + "' of " + gguf.getFileName() + " is outside Kiln's llama/gpt2 tokenizers");
            tokenizer = GgufTokenizer.from(source.metadata());
        }
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            int[] want = ids(lines.get(i));
            int[] got = tokenizer.encode(texts.get(i), false, false);
            if (!Arrays.equals(want, got)) {
                mismatches.add("text " + i + " " + quote(texts.get(i)) + ": expected " + Arrays.toString(want)
                        + " got " + Arrays.toString(got));
            } else if (!tokenizer.decode(want).equals(texts.get(i))) {
                mismatches.add("text " + i + " " + quote(texts.get(i)) + " decodes to " + quote(tokenizer.decode(want)));
            }
        }
        assertEquals(List.of(), mismatches, gguf.getFileName() + ": " + mismatches.size() + " of " + texts.size() + " texts differ");
        assertArrayEquals(new int[0], tokenizer.encode("", false, false));
    }

    static List<String> texts(String content) {
        List<String> texts = new ArrayList<>(Arrays.asList(content.split(SEPARATOR, -1)));
        texts.removeLast(); // after the last separator
        return texts;
    }

    static int[] ids(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() ? new int[0] : Arrays.stream(trimmed.split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }

    private static String quote(String text) {
        return "\"" + text.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
