/** The facade that shells, servers and host applications use: load, generate, chat. */
@Export
@Version("1.0.0")
package dev.kiln.api.inference;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
