/**
 * The benchmark harness of {@code researcher bench}: a stub OpenAI-compatible server on loopback
 * with simulated model latency and scripted tool-calling turns, a simulated tool, and the loop,
 * concurrency and context scenarios. Not part of the library's API.
 */
package dev.researcher4j.examples.bench;
