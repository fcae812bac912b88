package dev.kiln.shell.info;

import dev.kiln.api.format.ModelSource;
import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.tensor.GgmlType;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** The human-readable forms of {@code kiln:info}: the summary and the tensor table. */
public final class SummaryText {
    private SummaryText() {
    }

    public static String summary(String file, ModelSummary s) {
        StringBuilder out = new StringBuilder();
        line(out, "file", file + " (" + s.fileCount() + (s.fileCount() == 1 ? " part, " : " parts, ") + size(s.fileSize()) + ")");
        line(out, "format", "GGUF v" + s.version() + ", alignment " + s.alignment());
        line(out, "architecture", s.architecture() + s.name().map(n -> " (" + n + ")").orElse(""));
        line(out, "parameters", String.format(Locale.ROOT, "%s (%,d)", scaled(s.parameterCount()), s.parameterCount()));
        line(out, "context length", orUnknown(s.contextLength()));
        line(out, "layers", orUnknown(s.layers()));
        line(out, "heads", orUnknown(s.heads()) + s.kvHeads().stream().mapToObj(kv -> " (" + kv + " KV)").findFirst().orElse(""));
        line(out, "experts", s.experts().isEmpty() ? "none (dense)"
                : s.experts().getAsLong() + s.expertsUsed().stream().mapToObj(u -> " (" + u + " used per token)")
                        .findFirst().orElse(""));
        line(out, "vocabulary", orUnknown(s.vocabularySize()) + " tokens, tokenizer " + s.tokenizerModel().orElse("unknown"));
        line(out, "chat template", s.hasChatTemplate() ? "present" : "absent");
        line(out, "tensors", s.tensorsByType().values().stream().mapToInt(Integer::intValue).sum() + byType(s.tensorsByType()));
        line(out, "bits per weight", String.format(Locale.ROOT, "%.2f", s.bitsPerWeight()));
        return out.toString();
    }

    /** One row per tensor: name, type, shape (innermost first), part, offset in the data section, bytes. */
    public static String tensorTable(ModelSource model) {
        List<TensorDescriptor> tensors = model.tensors();
        int width = tensors.stream().mapToInt(t -> t.name().length()).max().orElse(4);
        width = Math.max(width, 4);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %-28s  %4s  %16s  %14s%n",
                "name", "type", "shape", "part", "offset", "bytes"));
        for (TensorDescriptor t : tensors) {
            String shape = t.shape().stream().map(String::valueOf).collect(Collectors.joining(" x "));
            out.append(String.format(Locale.ROOT, "%-" + width + "s  %-8s  %-28s  %4d  %16d  %14d%n",
                    t.name(), t.type().ggmlName(), shape, t.file() + 1, t.offset(), t.byteSize()));
        }
        return out.toString();
    }

    private static String byType(Map<GgmlType, Integer> byType) {
        if (byType.isEmpty()) {
            return "";
        }
        return byType.entrySet().stream()
                .sorted(Map.Entry.<GgmlType, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(e -> e.getKey().id()))
                .map(e -> e.getKey().ggmlName() + " " + e.getValue())
                .collect(Collectors.joining(", ", ": ", ""));
    }

    private static void line(StringBuilder out, String label, String value) {
        out.append(String.format(Locale.ROOT, "%-16s%s%n", label, value));
    }

    private static String orUnknown(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "unknown";
    }

    static String scaled(long count) {
        String[] units = {"", "K", "M", "B", "T"};
        double v = count;
        int unit = 0;
        while (v >= 1000 && unit < units.length - 1) {
            v /= 1000;
            unit++;
        }
        return unit == 0 ? Long.toString(count) : String.format(Locale.ROOT, "%.2f %s", v, units[unit]);
    }

    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int unit = 0;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.2f %s", v, units[unit]);
    }
}
