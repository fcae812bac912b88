package dev.kiln.shell.info;

import dev.kiln.api.format.Metadata;
import dev.kiln.api.format.MetadataArray;
import dev.kiln.api.format.MetadataValue;
import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.tensor.GgmlType;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a person wants to know about a model file at a glance, read from its metadata with the GGUF
 * key names ({@code <architecture>.block_count} and so on). Absent keys stay empty rather than guessed.
 */
public record ModelSummary(
        long fileSize,
        int fileCount,
        int version,
        long alignment,
        String architecture,
        Optional<String> name,
        long parameterCount,
        long tensorBytes,
        OptionalLong contextLength,
        OptionalLong layers,
        OptionalLong heads,
        OptionalLong kvHeads,
        OptionalLong experts,
        OptionalLong expertsUsed,
        OptionalLong vocabularySize,
        Optional<String> tokenizerModel,
        boolean hasChatTemplate,
        Map<GgmlType, Integer> tensorsByType) {

    /** GGUF's alignment when {@code general.alignment} is absent. */
    static final long DEFAULT_ALIGNMENT = 32;

    public static ModelSummary of(ModelSource model) {
        Metadata m = model.metadata();
        String arch = m.getString("general.architecture").orElse("unknown");
        long parameters = 0;
        long bytes = 0;
        Map<GgmlType, Integer> byType = new EnumMap<>(GgmlType.class);
        for (TensorDescriptor t : model.tensors()) {
            parameters += t.elementCount();
            bytes += t.byteSize();
            byType.merge(t.type(), 1, Integer::sum);
        }
        OptionalLong vocabulary = number(m, arch + ".vocab_size");
        if (vocabulary.isEmpty()) {
            vocabulary = m.getArray("tokenizer.ggml.tokens").map(a -> OptionalLong.of(a.size())).orElse(OptionalLong.empty());
        }
        return new ModelSummary(model.fileSize(), model.files().size(), model.version(),
                m.getLong("general.alignment").orElse(DEFAULT_ALIGNMENT), arch, m.getString("general.name"),
                parameters, bytes, number(m, arch + ".context_length"), number(m, arch + ".block_count"),
                number(m, arch + ".attention.head_count"), number(m, arch + ".attention.head_count_kv"),
                number(m, arch + ".expert_count"), number(m, arch + ".expert_used_count"), vocabulary,
                m.getString("tokenizer.ggml.model"), m.contains("tokenizer.chat_template"), Map.copyOf(byType));
    }

    /** Storage bits per parameter over all tensors; 0 for a file without tensors. */
    public double bitsPerWeight() {
        return parameterCount == 0 ? 0 : 8.0 * tensorBytes / parameterCount;
    }

    /**
     * An integer key, or the largest element where a model stores one value per layer as an array
     * (some architectures do so for head counts).
     */
    private static OptionalLong number(Metadata m, String key) {
        Optional<MetadataValue> value = m.get(key);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        if (value.get().value() instanceof MetadataArray array && array.elementType().isInteger()) {
            return array.values().stream().mapToLong(v -> (Long) v).max();
        }
        return value.get().type().isInteger() ? OptionalLong.of((Long) value.get().value()) : OptionalLong.empty();
    }
}
