package dev.researcher4j.core.internal.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

  @Test
  void replacesVariablesAndKeepsSectionsOnlyWhenTheirVariableIsSet() {
    String template =
        "Q: {{question}}{{#format}} (format: {{format}}){{/format}}{{#plan}}\nPlan: {{plan}}{{/plan}}";

    assertThat(
            Template.render(
                template, Map.of("question", "why $1?", "format", "a number", "plan", " ")))
        .isEqualTo("Q: why $1? (format: a number)");
    assertThat(Template.render(template, Map.of("question", "x"))).isEqualTo("Q: x");
  }
}
