package dev.kiln.api.inference;

/** The outcome of a generation. */
public record GenerationResult(String text, int[] tokens, StopReason stopReason, Timings timings) {

    /** Why generation ended. */
    public enum StopReason { END_OF_TEXT, STOP_STRING, MAX_TOKENS, CONTEXT_FULL, CANCELLED }
}
