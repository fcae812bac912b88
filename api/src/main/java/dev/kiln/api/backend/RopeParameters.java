package dev.kiln.api.backend;

/**
 * Rotary position embedding settings, as GGUF's {@code *.rope.*} keys give them.
 *
 * @param dimensions rotated dimensions per head (may be fewer than the head size)
 * @param neox true for the NeoX pairing (i, i + d/2); false for adjacent pairs (2i, 2i+1)
 * @param frequencyBase theta
 * @param frequencyScale linear position scale (1 for none)
 * @param yarn YaRN context-extension settings, or {@code null} for none
 */
public record RopeParameters(int headSize, int dimensions, boolean neox, float frequencyBase,
                             float frequencyScale, Yarn yarn) {

    /** YaRN: original context, extension factor, ramp bounds and attention-factor correction. */
    public record Yarn(int originalContext, float factor, float betaFast, float betaSlow,
                       float attentionFactor, float extrapolationFactor) {
    }
}
