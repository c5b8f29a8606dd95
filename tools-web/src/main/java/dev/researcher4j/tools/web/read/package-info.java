/**
 * The page reader: {@link dev.researcher4j.tools.web.read.PageReader} fetches a URL safely (URL
 * guard, size and time limits, robots.txt, per-host politeness, caching) and turns HTML, PDF, plain
 * text, JSON or XML into readable text; the {@code read_page} and {@code find_in_page} tools put it
 * in front of the model.
 */
package dev.researcher4j.tools.web.read;
