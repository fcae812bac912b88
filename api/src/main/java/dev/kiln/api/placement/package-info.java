/** Where every tensor of a model lives, and how much memory each device needs. */
@Export
@Version("1.0.0")
package dev.kiln.api.placement;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
