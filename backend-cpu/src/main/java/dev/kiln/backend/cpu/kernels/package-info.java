/** CPU kernels usable on their own: the matrix-vector product over any codec. */
@Export
@Version("1.0.0")
package dev.kiln.backend.cpu.kernels;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
