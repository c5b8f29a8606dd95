/**
 * The URL guard that stands in front of every fetch the web tools make: which schemes, hosts and
 * addresses may be reached, checked before the request, after DNS resolution and on every redirect.
 */
package dev.researcher4j.tools.web.guard;
