package dev.researcher4j.core.structured;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One field of a typed result that holds a value (a cell of a table): where it is, its value, the
 * sources it rests on, and why it is flagged when its check failed.
 *
 * @param path where it is, as a JSON Pointer ({@code /products/3/price})
 * @param value its value as JSON
 * @param sourceIds the ids of the sources it rests on ({@code S3}), known to the run; empty when it
 *     cites none
 * @param flag why it cannot be trusted — not supported by its sources, cites a source the run never
 *     saw, cites none, could not be checked — or empty when its check passed
 */
public record CitedField(String path, JsonNode value, List<String> sourceIds, String flag) {

  /** Checks and copies the fields. */
  public CitedField {
    Objects.requireNonNull(path, "path is required, but was null");
    Objects.requireNonNull(value, "value is required, but was null");
    value = value.deepCopy();
    sourceIds = List.copyOf(sourceIds);
    flag = flag == null ? "" : flag;
  }

  /** A copy of the value. */
  @Override
  public JsonNode value() {
    return value.deepCopy();
  }

  /** Whether the field failed its check (see {@link #flag()}). */
  public boolean isFlagged() {
    return !flag.isEmpty();
  }
}
