package dev.kiln.api.inference;

/** Prompt processing and generation times, as llama.cpp reports them. */
public record Timings(int promptTokens, long promptNanos, int generatedTokens, long generationNanos) {
    public double promptTokensPerSecond() {
        return promptNanos == 0 ? 0 : promptTokens * 1e9 / promptNanos;
    }

    public double generationTokensPerSecond() {
        return generationNanos == 0 ? 0 : generatedTokens * 1e9 / generationNanos;
    }
}
