package dev.researcher4j.core.internal.loop;

/** What the {@link Loop} tells the model when its reply cannot be used as it is. */
final class Nudges {
  private Nudges() {}

  static final String EMPTY_REPLY =
      "Your last reply was empty. Go on with the research (call tools), or write the final answer"
          + " in the required format.";
  static final String CONTINUE =
      "Your answer was cut off by the output limit. Continue exactly where it stopped, without"
          + " repeating anything already written.";
  static final String NO_MORE_TOOLS =
      "No tools can be called any more. Write your final answer now, as text, from what you have,"
          + " in the required format.";
  static final String NO_CITATIONS =
      "Your draft cites no sources. Every factual claim needs the id of a source that supports it,"
          + " like [S2], and only ids from tool results count. Search and read sources for the"
          + " claims, then write the final answer again in the required format.";

  static String unreadableCalls(Object calls) {
    return "Your tool call could not be read: "
        + calls
        + ". Call tools through the API's function calling, with JSON arguments, or"
        + " write the final answer in the required format.";
  }

  static String unusableAnswer(String why) {
    return "Your answer could not be used: "
        + why
        + ". Reply with only the JSON value the task asks for, citing sources in _sources.";
  }
}
