/** The GraalPy sandbox behind {@code run_code}: not API, may change without notice. */
package dev.researcher4j.tools.code.internal;
