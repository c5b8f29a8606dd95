package dev.researcher4j.core.durable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.researcher4j.core.internal.durable.ApiTypesModule;

/**
 * JSON for the values a durable-execution engine passes between a run and its calls (the records of
 * this package) and keeps in its history: the API types they hold ({@code ChatRequest}, {@code
 * ChatResponse}, {@code ToolExecution}, {@code Source}, {@code Task}, {@code Outcome}, …) are
 * written as the trajectory format writes them, so they round-trip whole. Stateless.
 */
public final class DurableJson {
  private DurableJson() {}

  /** A Jackson module (de)serializing the API types; register it on the engine's mapper. */
  public static Module module() {
    return new ApiTypesModule();
  }

  /**
   * A new mapper for the engine's payloads: {@link #module()}, {@code java.time} values as ISO-8601
   * text, {@code Optional}, unknown properties ignored (so later versions can add fields).
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .addModule(new ApiTypesModule())
        .addModule(new JavaTimeModule())
        .addModule(new Jdk8Module())
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .build();
  }
}
