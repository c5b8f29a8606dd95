/** Internals of trajectory files: schema checks, line scanning, file writing. Not API. */
package dev.researcher4j.core.internal.trajectory;
