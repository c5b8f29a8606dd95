package dev.researcher4j.tools.mcp.internal;

import java.util.function.BooleanSupplier;

/**
 * Whether an MCP server is still there: once a call finds it gone (its process exited, its
 * connection closed), every later call of its tools fails at once, saying so. Thread-safe.
 */
public final class ServerState {

  private final String name;
  private final BooleanSupplier alive;
  private volatile String goneReason;

  /**
   * @param alive whether the server can still be reached (for a subprocess: whether it runs)
   */
  public ServerState(String name, BooleanSupplier alive) {
    this.name = name;
    this.alive = alive;
  }

  /** The server's name. */
  public String name() {
    return name;
  }

  /** Why the server is gone, or null while it is not known to be. */
  public String goneReason() {
    return goneReason;
  }

  /** After a failed call: whether the server is gone; if so, remembers {@code reason}. */
  public boolean checkGone(String reason) {
    if (!alive.getAsBoolean()) {
      goneReason = reason;
      return true;
    }
    return false;
  }

  /** Marks the server gone. */
  public void markGone(String reason) {
    goneReason = reason;
  }
}
