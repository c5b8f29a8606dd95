/** Internals of the web tools; not part of the API and subject to change. */
package dev.researcher4j.tools.web.internal;
