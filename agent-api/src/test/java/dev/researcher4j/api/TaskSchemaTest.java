package dev.researcher4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TaskSchemaTest {

  private static ObjectNode objectSchema() {
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("name").put("type", "string");
    return schema;
  }

  @Test
  void aTaskWithoutSchemaAsksForText() {
    Task task = Task.of("Who?");

    assertThat(task.hasOutputSchema()).isFalse();
    assertThat(task.outputSchema()).isNull();
  }

  @Test
  void theSchemaIsCopiedInAndOutSoTheTaskStaysImmutable() {
    ObjectNode schema = objectSchema();
    Task task = Task.builder("Who?").outputSchema(schema).build();

    schema.put("type", "array");
    task.outputSchema().put("type", "string");

    assertThat(task.hasOutputSchema()).isTrue();
    assertThat(task.outputSchema()).isEqualTo(objectSchema());
    assertThat(task.toBuilder().build().outputSchema()).isEqualTo(objectSchema());
    assertThat(task.withAttempt(2).outputSchema()).isEqualTo(objectSchema());
    assertThat(task).isEqualTo(task.toBuilder().build());
  }

  @Test
  void schemasOfScalarsAreRejectedNamingTheType() {
    ObjectNode scalar = JsonNodeFactory.instance.objectNode().put("type", "string");

    assertThatThrownBy(() -> Task.builder("Who?").outputSchema(scalar))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'string'");
  }
}
