package dev.kiln.testkit;

import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ValueType;
import dev.kiln.api.tensor.GgmlType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The real DeepSeek-V3 shape (671B parameters) as llama.cpp's {@code deepseek2} architecture names
 * its tensors and keys, for sparse test files: header and tensor table are real, the data a hole.
 * Norms, the router and its bias are F32 as converters keep them; every matrix takes the type given.
 */
public final class DeepSeekV3Shape {
    public static final int LAYERS = 61;
    public static final int HIDDEN = 7168;
    public static final int HEADS = 128;
    public static final int Q_LORA_RANK = 1536;
    public static final int KV_LORA_RANK = 512;
    public static final int NOPE_HEAD_DIM = 128;
    public static final int ROPE_DIM = 64;
    public static final int VALUE_DIM = 128;
    public static final int DENSE_FFN = 18432;
    public static final int EXPERT_FFN = 2048;
    public static final int EXPERTS = 256;
    public static final int EXPERTS_USED = 8;
    public static final int EXPERT_GROUPS = 8;
    public static final int EXPERT_GROUPS_USED = 4;
    public static final int SHARED_EXPERTS = 1;
    public static final int LEADING_DENSE_LAYERS = 3;
    public static final int VOCAB = 129_280;
    public static final int CONTEXT = 163_840;

    private DeepSeekV3Shape() {
    }

    /** A sparse builder of the whole model, matrices in {@code weights} (e.g. Q4_K), vocabulary of VOCAB synthetic tokens. */
    public static GgufBuilder sparse(GgmlType weights) {
        GgufBuilder b = new GgufBuilder(0).sparse();
        metadata(b);
        tensors(b, weights);
        return b;
    }

    private static void metadata(GgufBuilder b) {
        String a = "deepseek2.";
        b.string("general.architecture", "deepseek2")
                .string("general.name", "DeepSeek-V3 (synthetic shape)")
                .uint32(a + "context_length", CONTEXT)
                .uint32(a + "block_count", LAYERS)
                .uint32(a + "embedding_length", HIDDEN)
                .uint32(a + "feed_forward_length", DENSE_FFN)
                .uint32(a + "attention.head_count", HEADS)
                .uint32(a + "attention.head_count_kv", HEADS)
                .float32(a + "rope.freq_base", 10000f)
                .float32(a + "attention.layer_norm_rms_epsilon", 1e-6f)
                .uint32(a + "expert_used_count", EXPERTS_USED)
                .uint32(a + "leading_dense_block_count", LEADING_DENSE_LAYERS)
                .uint32(a + "vocab_size", VOCAB)
                .uint32(a + "attention.q_lora_rank", Q_LORA_RANK)
                .uint32(a + "attention.kv_lora_rank", KV_LORA_RANK)
                .uint32(a + "attention.key_length", NOPE_HEAD_DIM + ROPE_DIM)
                .uint32(a + "attention.value_length", VALUE_DIM)
                .uint32(a + "expert_feed_forward_length", EXPERT_FFN)
                .uint32(a + "expert_count", EXPERTS)
                .uint32(a + "expert_shared_count", SHARED_EXPERTS)
                .uint32(a + "expert_group_count", EXPERT_GROUPS)
                .uint32(a + "expert_group_used_count", EXPERT_GROUPS_USED)
                .float32(a + "expert_weights_scale", 2.5f)
                .bool(a + "expert_weights_norm", true)
                .uint32(a + "expert_gating_func", 2)
                .uint32(a + "rope.dimension_count", ROPE_DIM)
                .string(a + "rope.scaling.type", "yarn")
                .float32(a + "rope.scaling.factor", 40f)
                .uint32(a + "rope.scaling.original_context_length", 4096)
                .float32(a + "rope.scaling.yarn_log_multiplier", 0.1f)
                .string("tokenizer.ggml.model", "gpt2")
                .string("tokenizer.ggml.pre", "deepseek-v3")
                .strings("tokenizer.ggml.tokens", tokens())
                .array("tokenizer.ggml.token_type", ValueType.INT32, Collections.nCopies(VOCAB, 1L))
                .uint32("tokenizer.ggml.bos_token_id", 0)
                .uint32("tokenizer.ggml.eos_token_id", 1)
                .string("tokenizer.chat_template", "{% for m in messages %}{{ m['content'] }}{% endfor %}")
                .metadata("general.quantization_version", MetadataValue.uint32(2));
    }

    private static List<String> tokens() {
        List<String> tokens = new ArrayList<>(VOCAB);
        for (int i = 0; i < VOCAB; i++) {
            tokens.add("tok" + i);
        }
        return tokens;
    }

    private static void tensors(GgufBuilder b, GgmlType w) {
        b.tensor("token_embd.weight", w, HIDDEN, VOCAB);
        for (int layer = 0; layer < LAYERS; layer++) {
            String p = "blk." + layer + ".";
            b.tensor(p + "attn_norm.weight", GgmlType.F32, HIDDEN)
                    .tensor(p + "attn_q_a_norm.weight", GgmlType.F32, Q_LORA_RANK)
                    .tensor(p + "attn_kv_a_norm.weight", GgmlType.F32, KV_LORA_RANK)
                    .tensor(p + "attn_q_a.weight", w, HIDDEN, Q_LORA_RANK)
                    .tensor(p + "attn_q_b.weight", w, Q_LORA_RANK, (long) HEADS * (NOPE_HEAD_DIM + ROPE_DIM))
                    .tensor(p + "attn_kv_a_mqa.weight", w, HIDDEN, KV_LORA_RANK + ROPE_DIM)
                    .tensor(p + "attn_kv_b.weight", w, KV_LORA_RANK, (long) HEADS * (NOPE_HEAD_DIM + VALUE_DIM))
                    .tensor(p + "attn_output.weight", w, (long) HEADS * VALUE_DIM, HIDDEN)
                    .tensor(p + "ffn_norm.weight", GgmlType.F32, HIDDEN);
            if (layer < LEADING_DENSE_LAYERS) {
                b.tensor(p + "ffn_gate.weight", w, HIDDEN, DENSE_FFN)
                        .tensor(p + "ffn_up.weight", w, HIDDEN, DENSE_FFN)
                        .tensor(p + "ffn_down.weight", w, DENSE_FFN, HIDDEN);
            } else {
                b.tensor(p + "ffn_gate_inp.weight", GgmlType.F32, HIDDEN, EXPERTS)
                        .tensor(p + "exp_probs_b.bias", GgmlType.F32, EXPERTS)
                        .tensor(p + "ffn_gate_exps.weight", w, HIDDEN, EXPERT_FFN, EXPERTS)
                        .tensor(p + "ffn_up_exps.weight", w, HIDDEN, EXPERT_FFN, EXPERTS)
                        .tensor(p + "ffn_down_exps.weight", w, EXPERT_FFN, HIDDEN, EXPERTS)
                        .tensor(p + "ffn_gate_shexp.weight", w, HIDDEN, (long) EXPERT_FFN * SHARED_EXPERTS)
                        .tensor(p + "ffn_up_shexp.weight", w, HIDDEN, (long) EXPERT_FFN * SHARED_EXPERTS)
                        .tensor(p + "ffn_down_shexp.weight", w, (long) EXPERT_FFN * SHARED_EXPERTS, HIDDEN);
            }
        }
        b.tensor("output_norm.weight", GgmlType.F32, HIDDEN);
        b.tensor("output.weight", w, HIDDEN, VOCAB);
    }
}
