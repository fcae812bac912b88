/** Model architectures: from a model source and a placement to a runnable forward pass. */
@Export
@Version("1.0.0")
package dev.kiln.api.model;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
