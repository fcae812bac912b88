/** Codecs for tensor types: dequantize, quantize and dot products. */
@Export
@Version("1.0.0")
package dev.kiln.api.quant;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
