package dev.researcher4j.core.tool;

import dev.researcher4j.api.Tool;
import dev.researcher4j.testing.ToolContractTest;

/** An annotated tool passes the contract every tool must pass. */
class AnnotatedToolContractTest extends ToolContractTest {

  static final class Greeter {
    @ToolMethod("Greets a person by name, in the language asked for.")
    String greet(
        @ToolParam("the person's name") String name,
        @ToolParam("ISO language code, e.g. en") String language) {
      return ("de".equals(language) ? "Hallo " : "Hello ") + name;
    }
  }

  @Override
  protected Tool tool() {
    return ToolMethods.from(new Greeter()).get(0);
  }

  @Override
  protected String validArguments() {
    return "{\"name\":\"Ada\",\"language\":\"en\"}";
  }
}
