package dev.kiln.testkit;

import dev.kiln.api.format.ModelFormat;
import java.util.ServiceLoader;

/** Finds model formats as a host application without OSGi would: through ServiceLoader. */
public final class Formats {
    private Formats() {
    }

    /** The {@code gguf} format; fails if format-gguf is not on the path. */
    public static ModelFormat gguf() {
        return ServiceLoader.load(ModelFormat.class, Formats.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals("gguf"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no ModelFormat named gguf: is format-gguf on the path?"));
    }
}
