package dev.researcher4j.temporal;

import dev.researcher4j.core.durable.DurableJson;
import dev.researcher4j.temporal.internal.LargePayloadCodec;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.util.List;
import java.util.Objects;

/**
 * The Temporal {@link DataConverter} research runs need, for the client and every worker alike:
 * JSON with researcher4j's types written as trajectories write them ({@link DurableJson}), and,
 * with a {@link PayloadStore}, payloads over {@value #DEFAULT_THRESHOLD} bytes kept in the store
 * and referenced from the history (Temporal refuses payloads over about 2 MB, and histories over 50
 * MB). The threshold is low on purpose: every model call's request holds the conversation so far,
 * and a history that kept each one inline would grow with the square of the run's length.
 * Stateless.
 */
public final class ResearchDataConverter {
  private ResearchDataConverter() {}

  /** Payloads larger than this many bytes go to the store. */
  public static final int DEFAULT_THRESHOLD = 32 * 1024;

  /** JSON only: every payload in the history. Enough for runs whose tool results are small. */
  public static DataConverter create() {
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(DurableJson.newMapper()));
  }

  /** JSON, with payloads over {@link #DEFAULT_THRESHOLD} bytes kept in {@code store}. */
  public static DataConverter create(PayloadStore store) {
    return create(store, DEFAULT_THRESHOLD);
  }

  /** JSON, with payloads over {@code threshold} bytes kept in {@code store}. */
  public static DataConverter create(PayloadStore store, int threshold) {
    Objects.requireNonNull(store, "store is required, but was null");
    if (threshold < 1024) {
      throw new IllegalArgumentException("threshold must be >= 1024 bytes, but was " + threshold);
    }
    return new CodecDataConverter(create(), List.of(new LargePayloadCodec(store, threshold)));
  }
}
