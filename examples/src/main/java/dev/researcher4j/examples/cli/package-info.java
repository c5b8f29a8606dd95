/** The {@code researcher} command line. Not part of the library's API. */
package dev.researcher4j.examples.cli;
