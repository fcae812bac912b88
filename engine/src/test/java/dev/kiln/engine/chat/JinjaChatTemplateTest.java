package dev.kiln.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.text.ChatMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real templates of the DeepSeek-R1/V3, Llama 3, Qwen2.5 and Mistral families, rendered for one
 * conversation; each expected text is worked out from the template by hand.
 */
class JinjaChatTemplateTest {
    private static final List<ChatMessage> CONVERSATION = List.of(
            new ChatMessage("system", "You are terse."),
            new ChatMessage("user", "Hi"),
            new ChatMessage("assistant", "Hello!"),
            new ChatMessage("user", "2+2?"));

    private Clock previous;

    @BeforeEach
    void fixToday() {
        previous = JinjaChatTemplate.useClock(Clock.fixed(LocalDate.of(2025, 3, 7).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    @AfterEach
    void restoreClock() {
        JinjaChatTemplate.useClock(previous);
    }

    static String template(String name) throws IOException {
        try (InputStream in = JinjaChatTemplateTest.class.getResourceAsStream("/chat-templates/" + name + ".jinja")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void deepSeekR1() throws IOException {
        var template = new JinjaChatTemplate(template("deepseek-r1"), "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>");
        assertEquals("<｜begin▁of▁sentence｜>You are terse.<｜User｜>Hi<｜Assistant｜>Hello!<｜end▁of▁sentence｜>"
                + "<｜User｜>2+2?<｜Assistant｜><think>\n", template.render(CONVERSATION, true));
    }

    @Test
    void deepSeekR1DropsTheReasoningOfEarlierAnswers() throws IOException {
        var template = new JinjaChatTemplate(template("deepseek-r1"), "<s>", "</s>");
        String text = template.render(List.of(new ChatMessage("user", "Q"),
                new ChatMessage("assistant", "<think>long reasoning</think>A")), false);
        assertEquals("<s><｜User｜>Q<｜Assistant｜>A<｜end▁of▁sentence｜>", text);
    }

    @Test
    void deepSeekV3() throws IOException {
        var template = new JinjaChatTemplate(template("deepseek-v3.1"), "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>");
        assertEquals("<｜begin▁of▁sentence｜>You are terse.<｜User｜>Hi<｜Assistant｜></think>Hello!<｜end▁of▁sentence｜>"
                + "<｜User｜>2+2?<｜Assistant｜></think>", template.render(CONVERSATION, true));
    }

    @Test
    void deepSeekV3DropsTheReasoningOfEarlierAnswers() throws IOException {
        var template = new JinjaChatTemplate(template("deepseek-v3.1"), "<s>", "</s>");
        String text = template.render(List.of(new ChatMessage("user", "Q"),
                new ChatMessage("assistant", "<think>long reasoning</think>A")), false);
        assertEquals("<s><｜User｜>Q<｜Assistant｜></think>A<｜end▁of▁sentence｜>", text);
    }

    @Test
    void llama3() throws IOException {
        var template = new JinjaChatTemplate(template("llama-3.2"), "<|begin_of_text|>", "<|eot_id|>");
        assertEquals("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n"
                + "Cutting Knowledge Date: December 2023\nToday Date: 07 Mar 2025\n\nYou are terse.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nHello!<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\n2+2?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n", template.render(CONVERSATION, true));
    }

    @Test
    void qwen25() throws IOException {
        var template = new JinjaChatTemplate(template("qwen2.5"), "", "<|im_end|>");
        assertEquals("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n"
                + "<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\n2+2?<|im_end|>\n<|im_start|>assistant\n",
                template.render(CONVERSATION, true));
    }

    @Test
    void qwen25AddsItsDefaultSystemPrompt() throws IOException {
        var template = new JinjaChatTemplate(template("qwen2.5"), "", "<|im_end|>");
        assertEquals("<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nHi<|im_end|>\n", template.render(List.of(new ChatMessage("user", "Hi")), false));
    }

    @Test
    void qwen25ListsToolsAsPythonWouldPrintThem() throws IOException {
        var template = new JinjaChatTemplate(template("qwen2.5"), "", "<|im_end|>");
        Map<String, Object> tool = Map.of("type", "function", "function",
                new java.util.LinkedHashMap<>(Map.of("name", "get_weather")));
        String text = template.render(List.of(new ChatMessage("user", "Weather?")), true, List.of(
                new java.util.LinkedHashMap<>(Map.of("type", "function")) {{ put("function", Map.of("name", "get_weather")); }}));
        assertTrue(text.contains("<tools>\n{\"type\": \"function\", \"function\": {\"name\": \"get_weather\"}}\n</tools>"), text);
        assertTrue(text.endsWith("<|im_start|>user\nWeather?<|im_end|>\n<|im_start|>assistant\n"), text);
        assertTrue(tool.size() == 2);
    }

    @Test
    void mistral() throws IOException {
        var template = new JinjaChatTemplate(template("mistral-nemo"), "<s>", "</s>");
        assertEquals("<s>[INST]Hi[/INST]Hello!</s>[INST]You are terse.\n\n2+2?[/INST]", template.render(CONVERSATION, true));
    }

    @Test
    void aTemplatesOwnRefusalReachesTheCaller() throws IOException {
        var template = new JinjaChatTemplate(template("mistral-nemo"), "<s>", "</s>");
        ChatTemplateException e = assertThrows(ChatTemplateException.class, () -> template.render(
                List.of(new ChatMessage("user", "a"), new ChatMessage("user", "b")), true));
        assertTrue(e.getMessage().contains("conversation roles must alternate"), e.getMessage());
    }

    @Test
    void chatMlIsTheFallback() {
        var template = new JinjaChatTemplate(ChatTemplates.CHATML, "", "");
        assertEquals("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
                template.render(List.of(new ChatMessage("user", "Hi")), true));
    }
}
