package dev.kiln.api.backend;

import java.util.Objects;

/**
 * A device a backend computes on.
 *
 * @param id stable identifier used in placement rules: {@code cpu}, {@code cuda:0}, {@code opencl:1}
 * @param name human-readable name, such as the GPU's model
 * @param totalMemory bytes of memory the device has
 * @param freeMemory bytes free when the device was listed
 */
public record Device(String id, DeviceKind kind, String name, long totalMemory, long freeMemory) {
    public Device {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }
}
