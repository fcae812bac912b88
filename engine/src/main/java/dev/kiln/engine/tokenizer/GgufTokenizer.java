package dev.kiln.engine.tokenizer;

import dev.kiln.api.format.FormatException;
import dev.kiln.api.format.Metadata;
import dev.kiln.api.text.SpecialTokens;
import dev.kiln.api.text.Tokenizer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A tokenizer built from GGUF metadata alone: SentencePiece-style ({@code llama}) or byte-level
 * BPE ({@code gpt2}), with special tokens cut out first.
 */
public final class GgufTokenizer implements Tokenizer {
    private static final String SPACE_MARK = "\u2581";

    private final Vocabulary vocabulary;
    private final SpecialTokenSplitter splitter;
    private final SpmModel spm;
    private final BpeModel bpe;
    private final boolean addSpacePrefix;
    private final java.util.Set<Integer> endOfGeneration;

    /**
     * Token texts that end a turn in common chat formats, recognised as the reference does when a
     * file names only EOS: Llama 3, ChatML, Phi-3, Gemma, GPT-style, code models, DeepSeek.
     */
    private static final java.util.Set<String> END_OF_TURN_TEXTS = java.util.Set.of("<|eot_id|>", "<|eom_id|>",
            "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<EOT>", "_<EOT>", "<｜end▁of▁sentence｜>");

    private GgufTokenizer(Vocabulary vocabulary, SpmModel spm, BpeModel bpe, boolean addSpacePrefix) {
        this.vocabulary = vocabulary;
        this.splitter = new SpecialTokenSplitter(vocabulary);
        this.spm = spm;
        this.bpe = bpe;
        this.addSpacePrefix = addSpacePrefix;
        java.util.Set<Integer> ends = new java.util.HashSet<>();
        SpecialTokens special = vocabulary.special();
        for (int id : new int[] {special.eos(), special.eot()}) {
            if (id >= 0) {
                ends.add(id);
            }
        }
        for (String text : END_OF_TURN_TEXTS) {
            int id = vocabulary.id(text);
            if (id >= 0 && vocabulary.type(id) != TokenType.NORMAL) {
                ends.add(id);
            }
        }
        this.endOfGeneration = java.util.Set.copyOf(ends);
    }

    /** @throws FormatException if the tokenizer keys are missing, inconsistent or name an unsupported model */
    public static GgufTokenizer from(Metadata metadata) {
        Vocabulary vocabulary = Vocabulary.from(metadata);
        return switch (vocabulary.model()) {
            case "llama" -> new GgufTokenizer(vocabulary, new SpmModel(vocabulary), null,
                    metadata.getBool(Vocabulary.PREFIX + "add_space_prefix").orElse(true));
            case "gpt2" -> {
                List<String> merges = metadata.getStringList(Vocabulary.PREFIX + "merges")
                        .orElseThrow(() -> new FormatException("metadata key 'tokenizer.ggml.merges' is missing for a gpt2 tokenizer"));
                PreTokenizer pre = PreTokenizer.named(metadata.getString(Vocabulary.PREFIX + "pre").orElse(null));
                yield new GgufTokenizer(vocabulary, null, new BpeModel(vocabulary, pre, merges), false);
            }
            default -> throw new FormatException("tokenizer model '" + vocabulary.model()
                    + "' (tokenizer.ggml.model) is not supported; Kiln supports llama and gpt2");
        };
    }

    @Override
    public String model() {
        return vocabulary.model();
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public SpecialTokens specialTokens() {
        return vocabulary.special();
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        SpecialTokens special = vocabulary.special();
        IntList out = new IntList();
        if (addSpecial && special.addBos() && special.bos() >= 0) {
            out.add(special.bos());
        }
        boolean afterSpecial = true;
        for (Fragment fragment : splitter.split(text, parseSpecial)) {
            switch (fragment) {
                case Fragment.Special(int token) -> {
                    out.add(token);
                    afterSpecial = true;
                }
                case Fragment.Text(String raw) -> {
                    if (spm != null) {
                        // SentencePiece marks a word start with a space: add one at the start of the text
                        // and after each special token, then spell every space as U+2581.
                        String prefixed = addSpacePrefix && afterSpecial ? " " + raw : raw;
                        spm.encode(prefixed.replace(" ", SPACE_MARK), out);
                    } else {
                        bpe.encode(raw, out);
                    }
                    afterSpecial = false;
                }
            }
        }
        if (addSpecial && special.addEos() && special.eos() >= 0) {
            out.add(special.eos());
        }
        return out.toArray();
    }

    @Override
    public boolean isEndOfGeneration(int token) {
        return endOfGeneration.contains(token);
    }

    @Override
    public String tokenText(int token) {
        checkId(token);
        return vocabulary.text(token);
    }

    @Override
    public byte[] tokenBytes(int token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        appendPiece(token, out);
        return out.toByteArray();
    }

    /**
     * Decodes tokens to text. The space SentencePiece puts in front of the text is dropped from the
     * first piece that has any text, also after a leading BOS (the reference keeps it in that case).
     */
    @Override
    public String decode(int[] tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean stripSpace = spm != null && addSpacePrefix;
        for (int token : tokens) {
            byte[] piece = tokenBytes(token);
            int skip = stripSpace && piece.length > 0 && piece[0] == ' ' ? 1 : 0;
            out.write(piece, skip, piece.length - skip);
            stripSpace &= piece.length == 0;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void checkId(int token) {
        if (token < 0 || token >= vocabulary.size()) {
            throw new IllegalArgumentException("token id " + token + " is outside the vocabulary of " + vocabulary.size());
        }
    }

    /** Appends the bytes token {@code token} stands for; control tokens stand for nothing. */
    private void appendPiece(int token, ByteArrayOutputStream out) {
        checkId(token);
        String text = vocabulary.text(token);
        switch (vocabulary.type(token)) {
            case CONTROL, UNUSED -> { }
            case USER_DEFINED -> out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            case UNKNOWN -> out.writeBytes("\u2585".getBytes(StandardCharsets.UTF_8));
            case BYTE -> out.write(Integer.parseInt(text.substring(3, 5), 16));
            default -> {
                if (spm != null) {
                    out.writeBytes(text.replace(SPACE_MARK, " ").getBytes(StandardCharsets.UTF_8));
                } else {
                    ByteLevel.decode(text, out);
                }
            }
        }
    }
}
