package dev.kiln.api.placement;

import dev.kiln.api.tensor.GgmlType;

/**
 * Where one tensor lives.
 *
 * @param storedType the type it is kept in on the device (the file's type unless requantized)
 * @param bytes device memory it takes
 * @param reason why it was put there (the rule or policy step), for the plan's explanation
 */
public record TensorPlacement(String tensor, String deviceId, GgmlType storedType, long bytes, String reason) {
}
