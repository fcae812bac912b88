package dev.kiln.api.inference;

import java.nio.file.Path;

/** A model that is loaded and ready. */
public record LoadedModel(String id, Path path, String architecture, long parameterCount,
                          int contextLength, long loadMillis) {
}
