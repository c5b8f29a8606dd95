/** Source ids shared between runs ({@link dev.researcher4j.core.cite.SharedSources}). */
package dev.researcher4j.core.cite;
