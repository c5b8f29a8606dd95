/** researcher4j tools-scholar. */
package dev.researcher4j.tools.scholar;
