/** The evaluation harness's machinery. Internal: may change without notice. */
package dev.researcher4j.eval.internal;
