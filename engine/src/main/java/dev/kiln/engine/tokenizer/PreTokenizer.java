package dev.kiln.engine.tokenizer;

import dev.kiln.api.format.FormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How byte-level BPE models cut text into words before merging, selected by GGUF's
 * {@code tokenizer.ggml.pre}. Each kind is a list of regular expressions applied in turn, as the
 * reference does: every expression splits each piece left by the previous ones into its matches
 * and the gaps between them, and a match never crosses a piece's boundary.
 *
 * <p>Code points that Unicode normalisation would fold (such as U+1F7D or U+212A) are written as
 * escapes, so that the ranges survive any editor or tool that normalises text.
 *
 * <p>The expressions are the reference's (the pre-tokenizers of the models' own tokenizer.json,
 * with case-insensitive contractions spelled out). {@code \s} means Unicode white space here.
 */
enum PreTokenizer {
    DEFAULT(false,
            "[\\p{P}\\$\\+<=>\\^~\\|]+",
            Patterns.GPT2,
            "\\p{N}+",
            "[0-9][0-9][0-9]"),
    GPT2(false, Patterns.GPT2),
    LLAMA3(true, Patterns.CONTRACTIONS + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
    QWEN2(false, Patterns.CONTRACTIONS + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
    DEEPSEEK_LLM(false,
            "[\\r\\n]",
            "\\s?[A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-\\x{1F7D}ᾀ-ᾴᾶ-ᾼ\\x{1FBE}ῂ-ῄῆ-ῌῐ-\\x{1FD3}ῖ-\\x{1FDB}ῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤ\\x{2126}ℨ\\x{212A}-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ\\x{10400}-\\x{1044f}𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃]+",
            "\\s?[!-/:-~！-／：-～‘-‟　-。]+",
            "\\s+$",
            "[一-龥ࠀ-一가-퟿]+",
            "\\p{N}+"),
    DEEPSEEK_CODER(false,
            "[\\r\\n]",
            "\\s?\\p{L}+",
            "\\s?\\p{P}+",
            "[一-龥ࠀ-一가-퟿]+",
            "\\p{N}"),
    DEEPSEEK_V3(false,
            "\\p{N}{1,3}",
            "[一-龥぀-ゟ゠-ヿ]+",
            "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\\r\\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+| ?[\\p{P}\\p{S}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
    FALCON(false,
            "[\\p{P}\\$\\+<=>\\^~\\|`]+",
            Patterns.GPT2,
            "[0-9][0-9][0-9]"),
    STARCODER(false, "\\p{N}", Patterns.GPT2),
    PORO(false, " ?[^(\\s|.,!?…。，、।۔،)]+");

    /** {@code tokenizer.ggml.pre} values and the kind each selects (the reference's names). */
    private static final Map<String, PreTokenizer> BY_NAME = Map.ofEntries(
            Map.entry("default", DEFAULT),
            Map.entry("gpt-2", GPT2), Map.entry("gpt2", GPT2), Map.entry("mpt", GPT2), Map.entry("olmo", GPT2),
            Map.entry("jais", GPT2), Map.entry("phi-2", GPT2), Map.entry("gpt-neox", GPT2),
            Map.entry("llama3", LLAMA3), Map.entry("llama-v3", LLAMA3), Map.entry("llama-bpe", LLAMA3),
            Map.entry("dbrx", LLAMA3), Map.entry("smaug-bpe", LLAMA3), Map.entry("falcon3", LLAMA3),
            Map.entry("qwen2", QWEN2), Map.entry("stablelm2", QWEN2), Map.entry("deepseek-r1-qwen", QWEN2),
            Map.entry("deepseek-llm", DEEPSEEK_LLM),
            Map.entry("deepseek-coder", DEEPSEEK_CODER),
            Map.entry("deepseek-v3", DEEPSEEK_V3),
            Map.entry("falcon", FALCON),
            Map.entry("starcoder", STARCODER), Map.entry("refact", STARCODER), Map.entry("command-r", STARCODER),
            Map.entry("smollm", STARCODER), Map.entry("codeshell", STARCODER),
            Map.entry("poro-chat", PORO), Map.entry("bloom", PORO), Map.entry("gpt3-finnish", PORO));

    private final boolean ignoreMerges;
    private final String[] expressions;
    /** Built on first use: probing code-point sets takes a moment, and most kinds are never used. */
    private volatile List<SplitStep> steps;

    PreTokenizer(boolean ignoreMerges, String... expressions) {
        this.ignoreMerges = ignoreMerges;
        this.expressions = expressions;
    }

    private List<SplitStep> steps() {
        List<SplitStep> built = steps;
        if (built == null) {
            built = java.util.Arrays.stream(expressions).map(SplitStep::of).toList();
            steps = built;
        }
        return built;
    }

    /** The kind named by {@code tokenizer.ggml.pre}; a missing key means {@code default}, an unknown one is refused. */
    static PreTokenizer named(String name) {
        PreTokenizer kind = BY_NAME.get(name == null ? "default" : name);
        if (kind == null) {
            throw new FormatException("unknown pre-tokenizer '" + name + "' (tokenizer.ggml.pre); Kiln knows "
                    + new java.util.TreeSet<>(BY_NAME.keySet()));
        }
        return kind;
    }

    /** Llama 3 looks a whole word up in the vocabulary before merging (the reference's ignore_merges). */
    boolean ignoreMerges() {
        return ignoreMerges;
    }

    List<String> split(String text) {
        List<String> pieces = List.of(text);
        for (SplitStep step : steps()) {
            List<String> next = new ArrayList<>(pieces.size() * 2);
            step.splitAll(pieces, next);
            pieces = next;
        }
        return pieces;
    }

    private static final class Patterns {
        static final String CONTRACTIONS = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])";
        static final String GPT2 = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    }
}
