/** Writing GGUF version 3 files: metadata, tensors and alignment, atomically. */
@Export
@Version("1.0.0")
package dev.kiln.format.gguf.writer;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
