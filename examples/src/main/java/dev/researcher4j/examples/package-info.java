/**
 * Runnable examples of researcher4j: an annotated custom tool, a supervisor with parallel
 * sub-researchers, and an evaluation. Not part of the library's API.
 */
package dev.researcher4j.examples;
