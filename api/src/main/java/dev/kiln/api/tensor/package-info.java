/** Tensor element types as GGUF numbers them. */
@Export
@Version("1.0.0")
package dev.kiln.api.tensor;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
