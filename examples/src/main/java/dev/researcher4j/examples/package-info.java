/** researcher4j examples. */
package dev.researcher4j.examples;
