/** researcher4j tools-web. */
package dev.researcher4j.tools.web;
