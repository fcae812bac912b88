package dev.kiln.engine.tokenizer;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One expression of a pre-tokenizer: splits a piece into its matches and the gaps between them.
 * Most expressions run as Java regular expressions; the simple shapes that dominate the DeepSeek
 * pre-tokenizers ({@code \s?[set]+}, {@code [set]+}, {@code [set]{1,3}}, {@code [set]},
 * {@code \s+$}) run as plain scans over a code-point set, which find exactly the matches the
 * regular expression would (leftmost first, greedy) many times faster.
 */
sealed interface SplitStep {
    int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;

    void split(String piece, List<String> out);

    /** Splits every piece in turn. */
    default void splitAll(List<String> pieces, List<String> out) {
        for (String piece : pieces) {
            split(piece, out);
        }
    }

    /** A step for {@code expression}: a scan where the shape allows, else the regular expression. */
    static SplitStep of(String expression) {
        if (expression.equals("\\s+$")) {
            return new TrailingWhitespace(CodePointSet.of("\\s"));
        }
        Matcher run = RUN.matcher(expression);
        if (run.matches()) {
            String quantifier = run.group(3);
            int max = quantifier == null ? 1 : quantifier.equals("+") ? Integer.MAX_VALUE : 3;
            return new Run(CodePointSet.of(run.group(2)), run.group(1) != null ? CodePointSet.of("\\s") : null, max);
        }
        return new Regex(Pattern.compile(expression, FLAGS));
    }

    /** {@code (\s?)?} then one bracketed class or \p{X}, then +, {1,3} or nothing. */
    Pattern RUN = Pattern.compile("(\\\\s\\?)?(\\[(?:[^\\[\\]\\\\]|\\\\.)+\\]|\\\\p\\{\\w+\\})(\\+|\\{1,3\\})?");

    /** Emits {@code piece[from, to)} as a gap if it is not empty. */
    private static void gap(String piece, int from, int to, List<String> out) {
        if (to > from) {
            out.add(piece.substring(from, to));
        }
    }

    record Regex(Pattern pattern) implements SplitStep {
        @Override
        public void split(String piece, List<String> out) {
            split(pattern.matcher(piece), piece, out);
        }

        /** One matcher for all pieces: they are many and short, and a matcher is costly to create. */
        @Override
        public void splitAll(List<String> pieces, List<String> out) {
            Matcher matcher = pattern.matcher("");
            for (String piece : pieces) {
                split(matcher.reset(piece), piece, out);
            }
        }

        private static void split(Matcher matcher, String piece, List<String> out) {
            int last = 0;
            while (matcher.find()) {
                if (matcher.end() == matcher.start()) {
                    continue;
                }
                gap(piece, last, matcher.start(), out);
                out.add(matcher.group());
                last = matcher.end();
            }
            gap(piece, last, piece.length(), out);
        }
    }

    /**
     * {@code \s?[set]+} (or a bounded run): at each position, a whitespace followed by a member
     * starts a match there; else a member starts one; the run takes members up to {@code max}.
     */
    record Run(CodePointSet members, CodePointSet leadingWhitespace, int max) implements SplitStep {
        @Override
        public void split(String piece, List<String> out) {
            int last = 0;
            int i = 0;
            while (i < piece.length()) {
                int cp = piece.codePointAt(i);
                int next = i + Character.charCount(cp);
                int runStart;
                if (leadingWhitespace != null && leadingWhitespace.contains(cp) && next < piece.length()
                        && members.contains(piece.codePointAt(next))) {
                    runStart = next;
                } else if (members.contains(cp)) {
                    runStart = i;
                } else {
                    i = next;
                    continue;
                }
                int end = runStart;
                for (int count = 0; end < piece.length() && count < max; count++) {
                    int member = piece.codePointAt(end);
                    if (!members.contains(member)) {
                        break;
                    }
                    end += Character.charCount(member);
                }
                gap(piece, last, i, out);
                out.add(piece.substring(i, end));
                last = end;
                i = end;
            }
            gap(piece, last, piece.length(), out);
        }
    }

    /** {@code \s+$}: the whitespace at the very end of the piece, if any. */
    record TrailingWhitespace(CodePointSet whitespace) implements SplitStep {
        @Override
        public void split(String piece, List<String> out) {
            int start = piece.length();
            while (start > 0) {
                int cp = piece.codePointBefore(start);
                if (!whitespace.contains(cp)) {
                    break;
                }
                start -= Character.charCount(cp);
            }
            gap(piece, 0, start, out);
            gap(piece, start, piece.length(), out);
        }
    }

    /** The code points a one-character regular expression matches, probed once and shared. */
    record CodePointSet(BitSet members) {
        private static final Map<String, CodePointSet> CACHE = new ConcurrentHashMap<>();

        static CodePointSet of(String characterClass) {
            return CACHE.computeIfAbsent(characterClass, c -> {
                Matcher matcher = Pattern.compile(c, FLAGS).matcher("");
                BitSet members = new BitSet(Character.MAX_CODE_POINT + 1);
                for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
                    if (matcher.reset(Character.toString(cp)).matches()) {
                        members.set(cp);
                    }
                }
                return new CodePointSet(members);
            });
        }

        boolean contains(int cp) {
            return members.get(cp);
        }
    }
}
