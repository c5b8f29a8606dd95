/**
 * The research loop and its building blocks: {@code ResearchAgent}, tool binding, verification,
 * context management and trajectories.
 */
package dev.researcher4j.core;
