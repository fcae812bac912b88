package dev.kiln.shell.info;

import dev.kiln.api.format.ModelFormat;
import dev.kiln.api.format.ModelSource;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** {@code kiln:info [--tensors] [--json] <file>}: what a GGUF model file holds, without loading it. */
@Component(service = InfoCommand.class, property = {"osgi.command.scope=kiln", "osgi.command.function=info"})
public class InfoCommand {
    private static final String FORMAT = "gguf";

    private final List<ModelFormat> formats;

    @Activate
    public InfoCommand(@Reference(name = "formats", service = ModelFormat.class, cardinality = ReferenceCardinality.AT_LEAST_ONE,
            policyOption = ReferencePolicyOption.GREEDY) List<ModelFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    @Descriptor("describe a GGUF model: architecture, size, shape, tokenizer, tensor types")
    public void info(
            @Descriptor("list every tensor") @Parameter(names = "--tensors", presentValue = "true", absentValue = "false")
            boolean tensors,
            @Descriptor("print the header as JSON") @Parameter(names = "--json", presentValue = "true", absentValue = "false")
            boolean json,
            @Descriptor("the model file (any part of a split model)") String file) throws IOException {
        // Gogo hands each session its own System.out.
        print(Path.of(file), tensors, json, System.out);
    }

    /** The command's work, writing to {@code out}; a refused file's FormatException propagates unchanged. */
    void print(Path file, boolean tensors, boolean json, PrintStream out) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try (ModelSource model = gguf().open(file)) {
            if (json) {
                out.println(ModelJson.render(model));
                return;
            }
            out.print(SummaryText.summary(file.toString(), ModelSummary.of(model)));
            if (tensors) {
                out.println();
                out.print(SummaryText.tensorTable(model));
            }
        }
    }

    private ModelFormat gguf() {
        return formats.stream().filter(f -> f.name().equals(FORMAT)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ModelFormat named '" + FORMAT + "' is installed"));
    }
}
