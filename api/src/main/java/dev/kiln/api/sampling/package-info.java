/** Choosing the next token from logits. */
@Export
@Version("1.0.0")
package dev.kiln.api.sampling;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
