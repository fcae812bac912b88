package dev.kiln.format.gguf.internal;

import dev.kiln.api.format.ModelFormat;
import dev.kiln.api.format.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Component;

/** The GGUF model format (versions 2 and 3, single or split files), as the {@code gguf} ModelFormat service. */
@Component(service = ModelFormat.class)
public final class GgufFormat implements ModelFormat {
    public static final String NAME = "gguf";

    public GgufFormat() {
        // DS and ServiceLoader both construct the service through this constructor.
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean recognizes(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 'G' && magic[1] == 'G' && magic[2] == 'U' && magic[3] == 'F';
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    @Override
    public ModelSource open(Path path) throws IOException {
        return GgufOpener.open(path);
    }
}
