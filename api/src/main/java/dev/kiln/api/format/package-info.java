/** Model file formats: opening a model, its metadata and zero-copy tensor data. */
@Export
@Version("1.1.0")
package dev.kiln.api.format;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
