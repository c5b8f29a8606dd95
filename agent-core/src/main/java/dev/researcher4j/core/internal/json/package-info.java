/** Reading JSON and reasoning out of model text. Internal: may change without notice. */
package dev.researcher4j.core.internal.json;
