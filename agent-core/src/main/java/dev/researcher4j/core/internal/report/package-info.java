/**
 * How a long report is made: outline, sections researched by sub-runs in parallel and written from
 * their evidence, assembly and verification, all recorded as the report's own trajectory. Not API;
 * see {@link dev.researcher4j.core.report.LongReport}.
 */
package dev.researcher4j.core.internal.report;
