/**
 * An example Spring Boot application on the researcher4j starter: {@code POST /research} starts a
 * run in the background, {@code GET /research/{id}/events} streams its progress as server-sent
 * events, {@code GET /research/{id}} returns the result.
 */
package dev.researcher4j.examples.spring;
