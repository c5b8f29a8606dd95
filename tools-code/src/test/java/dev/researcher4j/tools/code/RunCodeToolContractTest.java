package dev.researcher4j.tools.code;

import dev.researcher4j.api.Tool;
import dev.researcher4j.testing.ToolContractTest;

/** The checks every tool passes, for {@code run_code}. */
class RunCodeToolContractTest extends ToolContractTest {

  @Override
  protected Tool tool() {
    return Sandboxes.generous();
  }

  @Override
  protected String validArguments() {
    return "{\"code\": \"print(6 * 7)\"}";
  }
}
