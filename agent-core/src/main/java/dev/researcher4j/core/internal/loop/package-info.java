/**
 * The research loop's decisions ({@link dev.researcher4j.core.internal.loop.Loop}): what a run does
 * next given what happened so far, with its budget tracker, conversation, draft parsing and
 * checking, and the reading of tool calls written as text. Pure: no I/O, threads or clock. Not part
 * of the API.
 */
package dev.researcher4j.core.internal.loop;
