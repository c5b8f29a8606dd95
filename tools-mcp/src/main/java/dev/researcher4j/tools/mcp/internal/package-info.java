/** How tools-mcp talks to the MCP SDK: not API, may change without notice. */
package dev.researcher4j.tools.mcp.internal;
