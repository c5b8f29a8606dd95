package dev.researcher4j.api;

/** Who wrote a {@link Message} in a conversation with a model. */
public enum Role {
  /** Instructions that frame the whole conversation. */
  SYSTEM,
  /** The user, or the agent speaking on the user's behalf. */
  USER,
  /** The model. */
  ASSISTANT,
  /** The result of a tool call the model asked for. */
  TOOL
}
