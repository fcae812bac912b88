package dev.kiln.shell.text;

import dev.kiln.api.format.ModelFormat;
import dev.kiln.api.text.TokenizerProvider;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code kiln:tokenize -m model.gguf (--text T | --file F) [--ids-only] [--no-bos] [--parse-special]}. */
@Component(service = TokenizeCommand.class, property = {"osgi.command.scope=kiln", "osgi.command.function=tokenize"})
public class TokenizeCommand {
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ModelFormat> formats;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<TokenizerProvider> tokenizers;

    @Descriptor("tokenize text with a model's tokenizer, like llama.cpp's llama-tokenize")
    public void tokenize(
            @Descriptor("the GGUF model") @Parameter(names = {"-m", "--model"}, absentValue = "") String model,
            @Descriptor("the text") @Parameter(names = "--text", absentValue = "\0") String text,
            @Descriptor("a file holding the text") @Parameter(names = "--file", absentValue = "") String file,
            @Descriptor("print only the ids, on one line") @Parameter(names = "--ids-only", presentValue = "true", absentValue = "false") boolean idsOnly,
            @Descriptor("do not add BOS") @Parameter(names = "--no-bos", presentValue = "true", absentValue = "false") boolean noBos,
            @Descriptor("recognise special-token text") @Parameter(names = "--parse-special", presentValue = "true", absentValue = "false") boolean parseSpecial)
            throws IOException {
        // "\0" stands for "not given", so that an empty --text "" still means the empty text.
        new TokenizeTool(formats, tokenizers).run(new TokenizeTool.Options(
                model.isEmpty() ? null : Path.of(model), text.equals("\0") ? null : text,
                file.isEmpty() ? null : Path.of(file), idsOnly, noBos, parseSpecial), System.out);
    }
}
