package dev.kiln.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpmModelTest {
    private final GgufTokenizer tokenizer = GgufTokenizer.from(SyntheticVocabularies.spm());

    @Test
    void mergesTheHighestScoringPairFirst() {
        // "▁ab": candidate pairs "▁a" (-1.5) and "ab" (-0.5); "ab" wins, then "▁"+"ab" = "▁ab" exists.
        assertArrayEquals(new int[] {11}, tokenizer.encode("ab", false, false));
    }

    @Test
    void addsBosAndTheSpacePrefix() {
        assertArrayEquals(new int[] {1, 9}, tokenizer.encode("a", true, false));
    }

    @Test
    void spellsUnknownCharactersWithByteTokens() {
        // "é" is not a piece: its UTF-8 bytes C3 A9 are; the prefix space stays a piece of its own.
        assertArrayEquals(new int[] {6, 4, 5}, tokenizer.encode("é", false, false));
        assertEquals("é", tokenizer.decode(new int[] {6, 4, 5}));
    }

    @Test
    void userDefinedTokensAreAlwaysRecognised() {
        assertArrayEquals(new int[] {9, 12, 9}, tokenizer.encode("a<|user|>a", false, false));
    }

    @Test
    void controlTokensNeedParseSpecial() {
        int[] plain = tokenizer.encode("</s>", false, false);
        int[] parsed = tokenizer.encode("</s>", false, true);
        assertArrayEquals(new int[] {2}, parsed);
        assertEquals(false, plain.length == 1 && plain[0] == 2, "control token text is plain text without parseSpecial");
    }

    @Test
    void decodingDropsTheAddedSpaceAndControlTokens() {
        assertEquals("ab a", tokenizer.decode(new int[] {1, 11, 9, 2}));
    }
}
