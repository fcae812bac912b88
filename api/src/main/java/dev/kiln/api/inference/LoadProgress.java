package dev.kiln.api.inference;

/** Progress of a load: {@code done} of {@code total} units (bytes or tensors) in the named stage. */
public record LoadProgress(String stage, long done, long total) {
}
