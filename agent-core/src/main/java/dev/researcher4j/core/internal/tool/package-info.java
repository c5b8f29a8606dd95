/** Tool plumbing shared by the loop and the tool binding: argument checks. Not part of the API. */
package dev.researcher4j.core.internal.tool;
