/**
 * Long reports: {@link dev.researcher4j.core.report.LongReport} plans an outline, has each section
 * researched by a sub-run in parallel, writes it from its own evidence with citations into one
 * shared reference list, assembles summary, transitions and conclusion, and checks every claim;
 * {@link dev.researcher4j.core.report.ReportResult} is the document, its sections and its record.
 */
package dev.researcher4j.core.report;
