/** Tokenizers and chat templates. */
@Export
@Version("1.0.0")
package dev.kiln.api.text;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
