package dev.kiln.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;

/**
 * Cuts special-token texts out of the input before the tokenizer model sees it, as the reference
 * does: longest tokens first, every occurrence, left to right. Control and unknown tokens are
 * only recognised with {@code parseSpecial}; user-defined tokens always are.
 */
final class SpecialTokenSplitter {
    private record Special(int id, String text, boolean control, boolean stripLeft, boolean stripRight) {
    }

    private final List<Special> specials = new ArrayList<>();

    SpecialTokenSplitter(Vocabulary vocabulary) {
        boolean phi3 = vocabulary.name().toLowerCase(java.util.Locale.ROOT).matches(".*phi-?3.*");
        for (int id = 0; id < vocabulary.size(); id++) {
            TokenType type = vocabulary.type(id);
            if (!type.isSpecial() || vocabulary.text(id).isEmpty()) {
                continue;
            }
            String text = vocabulary.text(id);
            // Phi-3 special tokens swallow the whitespace after them, except these three (reference behaviour).
            boolean stripRight = phi3 && !List.of("<unk>", "<s>", "<|endoftext|>").contains(text);
            specials.add(new Special(id, text, type != TokenType.USER_DEFINED, false, stripRight));
        }
        // Longest first (by UTF-8 length, as the reference compares byte strings).
        specials.sort(Comparator.comparingInt((Special s) -> s.text.getBytes(StandardCharsets.UTF_8).length).reversed());
    }

    List<Fragment> split(String text, boolean parseSpecial) {
        LinkedList<Fragment> fragments = new LinkedList<>();
        if (text.isEmpty()) {
            return fragments;
        }
        fragments.add(new Fragment.Text(text));
        for (Special special : specials) {
            if (special.control && !parseSpecial) {
                continue;
            }
            ListIterator<Fragment> it = fragments.listIterator();
            while (it.hasNext()) {
                if (it.next() instanceof Fragment.Text(String raw)) {
                    int at = raw.indexOf(special.text);
                    if (at < 0) {
                        continue;
                    }
                    it.remove();
                    int from = 0;
                    while (at >= 0) {
                        String left = raw.substring(from, at);
                        if (special.stripLeft) {
                            left = left.stripTrailing();
                        }
                        if (!left.isEmpty()) {
                            it.add(new Fragment.Text(left));
                        }
                        it.add(new Fragment.Special(special.id));
                        from = at + special.text.length();
                        if (special.stripRight) {
                            while (from < raw.length() && isAsciiSpace(raw.charAt(from))) {
                                from++;
                            }
                        }
                        at = raw.indexOf(special.text, from);
                    }
                    if (from < raw.length()) {
                        it.add(new Fragment.Text(raw.substring(from)));
                    }
                }
            }
        }
        return fragments;
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
