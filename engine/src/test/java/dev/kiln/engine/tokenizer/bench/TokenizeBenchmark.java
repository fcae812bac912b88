package dev.kiln.engine.tokenizer.bench;

import dev.kiln.api.format.ModelSource;
import dev.kiln.engine.tokenizer.GgufTokenizer;
import dev.kiln.testkit.Formats;
import dev.kiln.testkit.TestData;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tokenizing 1 MB of mixed text (English prose, code, numbers, CJK, emoji, whitespace runs) with
 * real vocabularies from the reference data: SentencePiece (llama-spm, 32k) and byte-level BPE
 * (deepseek-llm, 102k; gpt-2, 50k). The goal is well under a second per megabyte.
 *
 * <p>Run after {@code ./mvnw -q -pl engine -am test-compile}:
 * <pre>
 * etc/bench.sh engine TokenizeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class TokenizeBenchmark {
    private static final String[] PIECES = {
        "The quick brown fox jumps over the lazy dog. ", "It's what they'll do, isn't it? ",
        "for (int i = 0; i < n; i++) { sum += a[i] * b[i]; }\n", "    return x;\n\n",
        "3.14159 2718281828 1,000,000 ", "你好，世界。今天天气很好。", "こんにちは世界 ", "Grüße aus Köln! ",
        "🙂🚀 ", "\t\t  \n", "<html><body>Hello</body></html> ", "naïve café résumé ",
    };

    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ter", "sun", "dra", "qu", "ox", "ve", "ny", "Ing",
        "ström", "zh", "ber", "pa", "ti", "ck", "ä", "ron", "gel"};

    @Param({"llama-spm", "deepseek-llm", "gpt-2"})
    public String vocabulary;

    private GgufTokenizer tokenizer;
    private String megabyte;

    @Setup
    public void setUp() throws IOException {
        try (ModelSource source = Formats.gguf().open(TestData.require("vocab/ggml-vocab-" + vocabulary + ".gguf"))) {
            tokenizer = GgufTokenizer.from(source.metadata());
        }
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder text = new StringBuilder();
        while (text.length() < 1 << 20) {
            // Half fixed phrases, half made-up words, so that not every word has been seen before.
            if (random.nextBoolean()) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            } else {
                for (int syllables = 1 + random.nextInt(4); syllables > 0; syllables--) {
                    text.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
                }
                text.append(random.nextInt(8) == 0 ? ", " : " ");
            }
        }
        megabyte = text.toString();
    }

    @Benchmark
    public int[] tokenizeOneMegabyte() {
        return tokenizer.encode(megabyte, false, false);
    }
}
