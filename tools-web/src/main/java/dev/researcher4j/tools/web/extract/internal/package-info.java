/** Internals of main-content extraction; not part of the API. */
package dev.researcher4j.tools.web.extract.internal;
