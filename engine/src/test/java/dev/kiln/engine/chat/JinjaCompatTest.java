package dev.kiln.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JinjaCompatTest {
    @Test
    void notBeforeATestBecomesANegatedTest() {
        assertEquals("{% if add_generation_prompt is not defined -%}",
                JinjaCompat.rewrite("{% if not add_generation_prompt is defined -%}"));
        assertEquals("{%- if tool_call.id is not defined or x %}", JinjaCompat.rewrite("{%- if not tool_call.id is defined or x %}"));
        assertEquals("{% if message['content'] is none %}", JinjaCompat.rewrite("{% if not message['content'] is not none %}"));
    }

    @Test
    void leavesEverythingElseAlone() {
        String template = "{% if not loop.last %}{{ 'nothing is defined here' }}{% endif %}{% if x is not none %}";
        assertEquals(template, JinjaCompat.rewrite(template));
    }
}
