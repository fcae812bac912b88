package dev.kiln.api.backend;

/** The kinds of device Kiln's backends drive. */
public enum DeviceKind {
    CPU, CUDA, OPENCL
}
