package dev.kiln.api.backend;

import dev.kiln.api.tensor.GgmlType;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** A tensor living on a device; its memory is released when closed. Shapes are innermost dimension first. */
@ProviderType
public interface DeviceTensor extends AutoCloseable {
    Device device();

    GgmlType type();

    List<Long> shape();

    long byteSize();

    @Override
    void close();
}
