/**
 * The run: drives the {@link dev.researcher4j.core.internal.loop.Loop}, performing each action
 * through the ports (model gateway, tool executor, recorder) and stages, and, for a resumed run,
 * replaying the record through the same ports. Internal: not API.
 */
package dev.researcher4j.core.internal.run;
