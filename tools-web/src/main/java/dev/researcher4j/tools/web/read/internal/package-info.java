/** Internals of the page reader; not part of the API. */
package dev.researcher4j.tools.web.read.internal;
