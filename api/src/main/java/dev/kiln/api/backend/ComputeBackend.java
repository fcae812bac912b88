package dev.kiln.api.backend;

import dev.kiln.api.format.TensorDescriptor;
import dev.kiln.api.tensor.GgmlType;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A compute backend (CPU, CUDA, OpenCL): the devices it drives, where tensors can live on them,
 * and a stream per device that executes a transformer's operations in order.
 */
@ProviderType
public interface ComputeBackend {
    /** Short name: {@code cpu}, {@code cuda}, {@code opencl}. */
    String name();

    /** The devices this backend can use now; empty if its driver or hardware is absent. */
    List<Device> devices();

    /** True if weights of {@code type} can be used for matrix products on {@code device}. */
    boolean supportsWeights(Device device, GgmlType type);

    /** Allocates an uninitialised tensor on {@code device}. */
    DeviceTensor allocate(Device device, GgmlType type, List<Long> shape);

    /**
     * Makes a model weight available on {@code device}. The CPU backend uses the mapped bytes in
     * place; GPU backends copy them (and may repack them into a layout of their own).
     */
    DeviceTensor loadWeight(Device device, TensorDescriptor tensor, MemorySegment data);

    /** Opens a stream that executes operations on {@code device} in issue order. */
    ComputeStream openStream(Device device);
}
