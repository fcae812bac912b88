package dev.kiln.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The scanning steps must split exactly as the regular expressions they stand for. */
class SplitStepTest {
    private static final String ALPHABET = "aZ é9٣½ \t\n\r\u3000！。一가ＡΩ\u1F7D,.-_()😀";

    @Test
    void scansAgreeWithTheirRegularExpressionsOnRandomText() {
        List<String> expressions = List.of("[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "\\p{N}", "\\p{N}{1,3}",
                "\\s?[!-/:-~！-／：-～‘-‟　-。]+", "\\s+$", "[一-龥ࠀ-一가-퟿]+", "\\p{N}+");
        SplittableRandom random = new SplittableRandom(7);
        int[] alphabet = ALPHABET.codePoints().toArray();
        for (String expression : expressions) {
            SplitStep fast = SplitStep.of(expression);
            SplitStep.Regex regex = new SplitStep.Regex(Pattern.compile(expression, SplitStep.FLAGS));
            for (int trial = 0; trial < 2000; trial++) {
                StringBuilder text = new StringBuilder();
                for (int n = random.nextInt(12); n > 0; n--) {
                    text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
                }
                List<String> expected = new ArrayList<>();
                List<String> actual = new ArrayList<>();
                regex.split(text.toString(), expected);
                fast.split(text.toString(), actual);
                assertEquals(expected, actual, expression + " on \"" + text + "\"");
            }
        }
    }

    @Test
    void complexExpressionsStayRegularExpressions() {
        assertInstanceOf(SplitStep.Regex.class, SplitStep.of("'s|'t| ?\\p{L}+|\\s+(?!\\S)"));
        assertInstanceOf(SplitStep.Run.class, SplitStep.of("\\s?\\p{L}+"));
        assertInstanceOf(SplitStep.TrailingWhitespace.class, SplitStep.of("\\s+$"));
    }
}
