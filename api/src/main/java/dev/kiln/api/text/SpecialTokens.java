package dev.kiln.api.text;

/** Special token ids, -1 where the model has none, and whether BOS/EOS are added when encoding. */
public record SpecialTokens(int bos, int eos, int eot, int pad, boolean addBos, boolean addEos) {
}
