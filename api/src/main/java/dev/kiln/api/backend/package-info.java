/** Compute backends and the devices they drive. */
@Export
@Version("1.0.0")
package dev.kiln.api.backend;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
