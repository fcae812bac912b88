package dev.kiln.api.placement;

import dev.kiln.api.tensor.GgmlType;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user's rule: tensors whose name matches {@code tensorPattern} (a regular expression matched
 * against the whole name, as llama.cpp's {@code --override-tensor} does) go to {@code deviceId},
 * optionally requantized to {@code targetType} at load ({@code null} keeps the file's type).
 */
public record PlacementRule(Pattern tensorPattern, String deviceId, GgmlType targetType) {
    public PlacementRule {
        Objects.requireNonNull(tensorPattern, "tensorPattern");
        Objects.requireNonNull(deviceId, "deviceId");
    }

    public boolean matches(String tensorName) {
        return tensorPattern.matcher(tensorName).matches();
    }
}
