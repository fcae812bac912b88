package dev.kiln.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.api.text.ChatMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Python's string methods, as templates call them (the expected values are what Python prints). */
class PythonStringMethodsTest {
    private static String render(String expression, String content) {
        return new JinjaChatTemplate("{{ " + expression + " }}", "", "")
                .render(List.of(new ChatMessage("user", content)), false)
                .strip();
    }

    @Test
    void splitTakesAMaximumNumberOfSplits() {
        assertEquals("b</think>c", render("messages[0].content.split('</think>', 1)[1]", "a</think>b</think>c"));
        assertEquals("c", render("messages[0].content.split('</think>')[-1]", "a</think>b</think>c"));
        assertEquals(List.of("a", "b c"), PythonStringMethods.split("  a  b c ", null, 1));
        assertEquals(List.of("", "x", ""), PythonStringMethods.split(".x.", ".", -1));
    }

    @Test
    void stripStartswithReplace() {
        assertEquals("[hi]", render("'[' + messages[0].content.strip() + ']'", "  hi \n"));
        assertEquals("[i]", render("'[' + messages[0].content.strip('h') + ']'", "hih"));
        assertEquals("yes", render("'yes' if messages[0].content.startswith('<tool') else 'no'", "<tool_call>"));
        assertEquals("no", render("'yes' if messages[0].content.endswith('x') else 'no'", "<tool_call>"));
        assertEquals("a-b.c", render("messages[0].content.replace('.', '-', 1)", "a.b.c"));
    }
}
