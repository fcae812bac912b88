package dev.kiln.shell.text;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.ModelFormat;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.text.Tokenizer;
import dev.kiln.api.text.TokenizerProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@code kiln:tokenize} does, without OSGi: open a model's metadata, build its tokenizer
 * from the registered providers, tokenize, print. Output follows llama.cpp's tokenizer tool: one
 * {@code id -> 'piece'} line per token, or the ids alone on one line.
 */
public final class TokenizeTool {
    /** The options of one run; exactly one of {@code text} and {@code file} is set. */
    public record Options(Path model, String text, Path file, boolean idsOnly, boolean noBos, boolean parseSpecial) {
    }

    private final List<ModelFormat> formats;
    private final List<TokenizerProvider> providers;

    public TokenizeTool(List<ModelFormat> formats, List<TokenizerProvider> providers) {
        this.formats = formats;
        this.providers = providers;
    }

    public void run(Options options, PrintStream out) throws IOException {
        if (options.model() == null) {
            throw new IllegalArgumentException("no model given: use -m <file.gguf>");
        }
        if ((options.text() == null) == (options.file() == null)) {
            throw new IllegalArgumentException("give the text with exactly one of --text T and --file F");
        }
        String text = options.text() != null ? options.text() : Files.readString(options.file(), StandardCharsets.UTF_8);
        Tokenizer tokenizer = open(options.model());
        int[] ids = tokenizer.encode(text, !options.noBos(), options.parseSpecial());
        if (options.idsOnly()) {
            out.println(Arrays.stream(ids).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
            return;
        }
        for (int id : ids) {
            // Like llama-tokenize: a control token shows its text, any other token the text it decodes to.
            byte[] piece = tokenizer.tokenBytes(id);
            out.printf("%6d -> '%s'%n", id, piece.length == 0 ? tokenizer.tokenText(id) : new String(piece, StandardCharsets.UTF_8));
        }
    }

    private Tokenizer open(Path model) throws IOException {
        ModelFormat format = formats.stream().filter(f -> f.recognizes(model)).findFirst()
                .orElseThrow(() -> new FormatException(model + " is not in a format any installed bundle reads"
                        + (Files.exists(model) ? "" : " (the file does not exist)")));
        try (ModelSource source = format.open(model)) {
            String name = source.metadata().getString("tokenizer.ggml.model")
                    .orElseThrow(() -> new FormatException(model + " has no tokenizer (no tokenizer.ggml.model key)"));
            TokenizerProvider provider = providers.stream().filter(p -> p.models().contains(name)).findFirst()
                    .orElseThrow(() -> new FormatException("no installed tokenizer handles '" + name + "' (" + model + ")"));
            return provider.create(source.metadata());
        }
    }
}
