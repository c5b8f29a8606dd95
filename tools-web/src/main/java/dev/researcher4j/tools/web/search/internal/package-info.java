/**
 * The wire code of the built-in web search providers: request shapes, response and error parsing,
 * URL cleaning and date reading. Internal: not part of the API and may change without notice.
 */
package dev.researcher4j.tools.web.search.internal;
