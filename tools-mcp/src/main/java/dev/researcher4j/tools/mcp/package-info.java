/**
 * The Model Context Protocol, both ways: {@link dev.researcher4j.tools.mcp.McpTools} turns the
 * tools of an MCP server (stdio or streamable HTTP, {@link
 * dev.researcher4j.tools.mcp.McpConnection}) into researcher4j tools, and {@link
 * dev.researcher4j.tools.mcp.McpResearchServer} serves a research agent and chosen tools to MCP
 * clients. Built on the official MCP Java SDK.
 */
package dev.researcher4j.tools.mcp;
