/** Kiln's common exception type. */
@Export
@Version("1.0.0")
package dev.kiln.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
