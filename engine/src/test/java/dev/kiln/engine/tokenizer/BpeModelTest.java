package dev.kiln.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.Metadata;
import dev.kiln.api.format.MetadataValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class BpeModelTest {
    /** Byte-level vocabulary: 'Ġ' is the space byte. Merges: "l o" before "lo w", "Ġ lo". */
    private static Metadata vocabulary(String pre) {
        return new SyntheticVocabularies.Builder("gpt2")
                .token("l", 0).token("o", 0).token("w", 0).token("Ġ", 0)   // 0..3
                .token("lo", 0).token("low", 0).token("Ġlo", 0)           // 4..6
                .token("!", 0)                                           // 7
                .token("<|end|>", 0, TokenType.CONTROL)                  // 8
                .merges("l o", "lo w", "Ġ lo")
                .put("tokenizer.ggml.pre", MetadataValue.string(pre))
                .build();
    }

    @Test
    void appliesMergesInRankOrder() {
        GgufTokenizer tokenizer = GgufTokenizer.from(vocabulary("gpt-2"));
        // "low" → l o w → lo w (rank 0) → low (rank 1); " lo" → Ġ l o → Ġ lo → Ġlo.
        assertArrayEquals(new int[] {5, 6}, tokenizer.encode("low lo", false, false));
        assertEquals("low lo", tokenizer.decode(new int[] {5, 6}));
    }

    @Test
    void thePreTokenizerKeepsPunctuationApart() {
        GgufTokenizer tokenizer = GgufTokenizer.from(vocabulary("gpt-2"));
        assertArrayEquals(new int[] {5, 7}, tokenizer.encode("low!", false, false));
    }

    @Test
    void controlTokensAreRecognisedOnlyWhenAsked() {
        GgufTokenizer tokenizer = GgufTokenizer.from(vocabulary("gpt-2"));
        assertArrayEquals(new int[] {5, 8}, tokenizer.encode("low<|end|>", false, true));
        assertEquals("low", tokenizer.decode(new int[] {5, 8}), "control tokens decode to nothing");
    }

    @Test
    void chatFormatEndOfTurnTokensEndGeneration() {
        GgufTokenizer tokenizer = GgufTokenizer.from(new SyntheticVocabularies.Builder("gpt2")
                .token("a", 0).token("<|im_end|>", 0, TokenType.CONTROL).token("<|eot_id|>", 0) // normal: not special
                .token("</s>", 0, TokenType.CONTROL)
                .merges("a a")
                .put("tokenizer.ggml.eos_token_id", MetadataValue.uint32(3))
                .build());
        assertTrue(tokenizer.isEndOfGeneration(1), "<|im_end|> as a control token");
        assertTrue(tokenizer.isEndOfGeneration(3), "EOS");
        assertTrue(!tokenizer.isEndOfGeneration(2) && !tokenizer.isEndOfGeneration(0), "ordinary tokens");
    }

    @Test
    void anUnknownPreTokenizerIsRefusedByName() {
        FormatException e = assertThrows(FormatException.class, () -> GgufTokenizer.from(vocabulary("no-such-pre")));
        assertTrue(e.getMessage().contains("'no-such-pre'") && e.getMessage().contains("tokenizer.ggml.pre"), e.getMessage());
    }

    @Test
    void everyNamedPreTokenizerCompilesAndSplitsLosslessly() {
        String text = "Hello, world! 123456 ümlaut 你好 \n\n  tabs\there's";
        for (String name : List.of("default", "gpt-2", "llama3", "llama-bpe", "qwen2", "deepseek-llm", "deepseek-coder",
                "deepseek-v3", "falcon", "starcoder", "refact", "mpt", "gpt-neox", "poro-chat")) {
            assertEquals(text, String.join("", PreTokenizer.named(name).split(text)), name);
        }
    }

    @Test
    void deepSeekV3SplitsDigitsCjkAndWordsInThatOrder() {
        // Digits first (groups of up to 3), then runs of CJK, then words and punctuation with their space.
        assertEquals(List.of("Hello", ",", " world", "!", " ", "123", "45", " ", "你好"),
                PreTokenizer.named("deepseek-v3").split("Hello, world! 12345 你好"));
    }

    @Test
    void llama3DigitsComeInGroupsOfThree() {
        assertEquals(List.of("123", "456", "7"), PreTokenizer.named("llama3").split("1234567"));
    }
}
