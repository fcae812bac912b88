package dev.kiln.testkit.bench;

import dev.kiln.api.format.ModelFormat;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.tensor.GgmlType;
import dev.kiln.testkit.DeepSeekV3Shape;
import dev.kiln.testkit.Formats;
import dev.kiln.testkit.GgufBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long opening a model takes: the header walk only, since tensor data is mapped, never read.
 *
 * <p>Lives in the test kit rather than format-gguf because it writes its inputs with the kit's
 * builder, and format-gguf cannot depend on the kit (the kit depends on it). Run it with:
 *
 * <pre>
 * etc/bench.sh testkit OpenModelBenchmark
 * </pre>
 *
 * <p>Baseline (2 shared cores, JDK 25, short run {@code -wi 2 -i 3 -w 1 -r 2}): about 33 ms for the
 * 100k-token vocabulary with 1,200 tensors and 84 ms for the nine-part DeepSeek-V3 shape (whose
 * header carries 129,280 tokens); both are the header walk, decoding the vocabulary dominates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OpenModelBenchmark {
    private static final int VOCABULARY = 100_000;
    private static final int TENSORS = 1_200;

    private final ModelFormat gguf = Formats.gguf();
    private Path dir;
    private Path vocabularyModel;
    private Path deepSeekPart;

    @Setup(Level.Trial)
    public void writeModels() throws IOException {
        dir = Files.createTempDirectory("kiln-open-bench");
        List<String> tokens = new ArrayList<>(VOCABULARY);
        for (int i = 0; i < VOCABULARY; i++) {
            tokens.add("token-" + i);
        }
        GgufBuilder b = new GgufBuilder(1).sparse()
                .string("general.architecture", "llama")
                .string("tokenizer.ggml.model", "gpt2")
                .strings("tokenizer.ggml.tokens", tokens)
                .array("tokenizer.ggml.scores", ValueType.FLOAT32, Collections.nCopies(VOCABULARY, 0f))
                .array("tokenizer.ggml.token_type", ValueType.INT32, Collections.nCopies(VOCABULARY, 1L));
        for (int i = 0; i < TENSORS; i++) {
            b.tensor("blk." + i / 10 + ".w" + i % 10 + ".weight", GgmlType.Q4_K, 4096, 4096);
        }
        vocabularyModel = b.write(dir.resolve("vocab-100k.gguf"));
        deepSeekPart = DeepSeekV3Shape.sparse(GgmlType.Q4_K).writeSplit(dir, "DeepSeek-V3-Q4_K", 9).get(4);
    }

    @TearDown(Level.Trial)
    public void deleteModels() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public int openVocabulary100kWith1200Tensors() throws IOException {
        try (ModelSource model = gguf.open(vocabularyModel)) {
            return model.tensors().size();
        }
    }

    @Benchmark
    public int openSparseDeepSeekV3NineParts() throws IOException {
        try (ModelSource model = gguf.open(deepSeekPart)) {
            return model.tensors().size();
        }
    }
}
