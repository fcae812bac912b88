package dev.kiln.api.text;

import org.osgi.annotation.versioning.ProviderType;

/** Text to token ids and back, exactly as the model was trained. */
@ProviderType
public interface Tokenizer {
    /** The tokenizer model as GGUF names it: {@code llama}, {@code gpt2}, ... */
    String model();

    int vocabularySize();

    SpecialTokens specialTokens();

    /**
     * Encodes text.
     *
     * @param addSpecial add BOS/EOS as the model's {@code add_bos_token}/{@code add_eos_token} say
     * @param parseSpecial recognise special-token text (such as {@code <|eot_id|>}) as those tokens;
     *                     when false it is ordinary text
     */
    int[] encode(String text, boolean addSpecial, boolean parseSpecial);

    /** The token's text exactly as the vocabulary stores it (such as {@code <s>}, {@code ▁Hello} or {@code <0x0A>}). */
    String tokenText(int token);

    /** The bytes a token stands for when decoding (byte-fallback tokens give their single byte, control tokens none). */
    byte[] tokenBytes(int token);

    /**
     * True if generating {@code token} ends the model's turn: EOS and EOT, and tokens a model's
     * chat format uses for that (such as {@code <|eot_id|>} or {@code <|im_end|>}).
     */
    default boolean isEndOfGeneration(int token) {
        SpecialTokens special = specialTokens();
        return token >= 0 && (token == special.eos() || token == special.eot());
    }

    /** Decodes tokens to text; invalid UTF-8 is replaced. */
    String decode(int[] tokens);
}
