package dev.kiln.engine.chat;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import dev.kiln.api.text.ChatMessage;
import dev.kiln.api.text.ChatTemplate;
import java.time.Clock;
import jinjava.javax.el.CompositeELResolver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's own chat template ({@code tokenizer.chat_template}, Jinja2) rendered with Jinjava,
 * with the variables the reference supplies: {@code messages}, {@code add_generation_prompt},
 * {@code bos_token}, {@code eos_token}, {@code tools} when given, and the functions
 * {@code raise_exception} and {@code strftime_now}. Blocks are trimmed and left-stripped as in
 * Hugging Face's renderer, which the templates are written for.
 */
public final class JinjaChatTemplate implements ChatTemplate {
    private static final ThreadLocal<Clock> CLOCK = ThreadLocal.withInitial(Clock::systemDefaultZone);

    private final String source;
    private final String bosToken;
    private final String eosToken;
    private final Jinjava jinjava;

    public JinjaChatTemplate(String source, String bosToken, String eosToken) {
        this.source = JinjaCompat.rewrite(source);
        this.bosToken = bosToken;
        this.eosToken = eosToken;
        CompositeELResolver resolvers = new CompositeELResolver();
        resolvers.add(new PythonStringMethods());
        resolvers.add(JinjavaConfig.newBuilder().build().getElResolver());
        this.jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withElResolver(resolvers)
                .withTrimBlocks(true)
                .withLstripBlocks(true)
                .withFailOnUnknownTokens(false)
                // Jinja2's own semantics where Jinjava kept older ones: {{- -}} trimming, Python
                // operator precedence and string escapes, iterating a dict gives its keys.
                .withLegacyOverrides(LegacyOverrides.newBuilder()
                        .withUseTrimmingForNotesAndExpressions(true)
                        .withParseWhitespaceControlStrictly(true)
                        .withUseNaturalOperatorPrecedence(true)
                        .withIterateOverMapKeys(true)
                        .withKeepNullableLoopValues(true)
                        .build())
                .build());
        jinjava.getGlobalContext().registerFilter(new PythonJsonFilter());
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "raise_exception",
                JinjaChatTemplate.class, "raiseException", String.class));
        jinjava.getGlobalContext().registerFunction(new ELFunctionDefinition("", "strftime_now",
                JinjaChatTemplate.class, "strftimeNow", String.class));
    }

    @Override
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
        return render(messages, addGenerationPrompt, null);
    }

    /**
     * Renders with tool definitions (OpenAI's {@code tools} array as maps); {@code null} leaves
     * {@code tools} undefined, as templates expect when there are none.
     *
     * @throws ChatTemplateException naming the template error, or the message of the template's own raise_exception
     */
    public String render(List<ChatMessage> messages, boolean addGenerationPrompt, List<Map<String, Object>> tools) {
        Map<String, Object> bindings = new HashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (ChatMessage message : messages) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("role", message.role());
            entry.put("content", message.content());
            list.add(entry);
        }
        bindings.put("messages", list);
        bindings.put("add_generation_prompt", addGenerationPrompt);
        bindings.put("bos_token", bosToken);
        bindings.put("eos_token", eosToken);
        // Templates test "strftime_now is defined" before calling the function of that name.
        bindings.put("strftime_now", true);
        if (tools != null) {
            bindings.put("tools", tools);
        }
        RenderResult result = jinjava.renderForResult(source, bindings);
        for (TemplateError error : result.getErrors()) {
            if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
                throw new ChatTemplateException(describe(error));
            }
        }
        return result.getOutput();
    }

    private static String describe(TemplateError error) {
        Throwable cause = error.getException();
        while (cause != null) {
            if (cause instanceof TemplateRaisedException raised) {
                return "the chat template refused the conversation: " + raised.getMessage();
            }
            cause = cause.getCause();
        }
        return "chat template error at line " + error.getLineno() + ": " + error.getMessage();
    }

    /** Jinja's {@code raise_exception(message)}: templates use it to refuse malformed conversations. */
    public static Object raiseException(String message) {
        throw new TemplateRaisedException(message);
    }

    /** {@code strftime_now(format)}: today's date in a strftime format (the subset templates use). */
    public static String strftimeNow(String format) {
        return Strftime.format(LocalDate.now(CLOCK.get()), format);
    }

    /** Fixes "now" for the current thread (tests), returning the previous clock. */
    static Clock useClock(Clock clock) {
        Clock previous = CLOCK.get();
        CLOCK.set(clock);
        return previous;
    }

    /** Thrown by raise_exception inside a template. */
    static final class TemplateRaisedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateRaisedException(String message) {
            super(message);
        }
    }
}
