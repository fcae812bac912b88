package dev.kiln.engine.chat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the Jinja2 constructs that Jinjava reads differently, before parsing. Jinja2 binds a
 * test tighter than {@code not}: {@code not x is defined} means {@code not (x is defined)}, which
 * Jinjava would read as {@code (not x) is defined}. Every such test is rewritten to the
 * unambiguous {@code x is not defined} (and {@code not x is not t} to {@code x is t}).
 */
final class JinjaCompat {
    /** {@code not <operand> is [not] <test>}, where the operand is a name with attribute or index accesses. */
    private static final Pattern NOT_IS = Pattern.compile(
            "\\bnot\\s+([A-Za-z_][\\w.]*(?:\\[[^\\]\\[]*\\])*(?:\\.[A-Za-z_]\\w*)*)\\s+is\\s+(not\\s+)?([A-Za-z_]\\w*)");

    private JinjaCompat() {
    }

    static String rewrite(String template) {
        Matcher matcher = NOT_IS.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) + (matcher.group(2) != null ? " is " : " is not ") + matcher.group(3);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
