/**
 * Internals of tools-scholar: response parsers, identifier normalisation, request pacing, text
 * clean-up. Not part of the API; may change without notice.
 */
package dev.researcher4j.tools.scholar.internal;
