package dev.researcher4j.otel.internal;

import dev.researcher4j.api.ModelInfo;
import dev.researcher4j.api.Usage;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.context.Context;
import java.time.Duration;

/**
 * The GenAI metrics of runs and model calls: {@value GenAi#DURATION_METRIC} (seconds) and {@value
 * GenAi#TOKEN_USAGE_METRIC} (tokens, by {@code gen_ai.token.type}), with the bucket boundaries the
 * conventions advise. Thread-safe.
 */
public final class GenAiMetrics {

  private final DoubleHistogram duration;
  private final LongHistogram tokens;

  /** Creates the histograms on {@code meter}. */
  public GenAiMetrics(Meter meter) {
    this.duration =
        meter
            .histogramBuilder(GenAi.DURATION_METRIC)
            .setUnit("s")
            .setDescription("GenAI operation duration")
            .setExplicitBucketBoundariesAdvice(GenAi.DURATION_BUCKETS)
            .build();
    this.tokens =
        meter
            .histogramBuilder(GenAi.TOKEN_USAGE_METRIC)
            .ofLongs()
            .setUnit("{token}")
            .setDescription("Measures number of input and output tokens used")
            .setExplicitBucketBoundariesAdvice(GenAi.TOKEN_BUCKETS)
            .build();
  }

  /** The attributes every metric of an {@code operation} on {@code model} carries. */
  public static AttributesBuilder base(String operation, ModelInfo model) {
    return Attributes.builder()
        .put(GenAi.OPERATION_NAME, operation)
        .put(GenAi.PROVIDER_NAME, model.provider())
        .put(GenAi.REQUEST_MODEL, model.model());
  }

  /** Records a model call's input and output tokens. */
  public void recordTokens(Usage usage, Attributes attributes, Context context) {
    tokens.record(
        usage.inputTokens(),
        attributes.toBuilder().put(GenAi.TOKEN_TYPE, "input").build(),
        context);
    tokens.record(
        usage.outputTokens(),
        attributes.toBuilder().put(GenAi.TOKEN_TYPE, "output").build(),
        context);
  }

  /** Records an operation's duration; a negative one counts as zero. */
  public void recordDuration(Duration elapsed, Attributes attributes, Context context) {
    duration.record(seconds(elapsed), attributes, context);
  }

  private static double seconds(Duration duration) {
    return duration.isNegative() ? 0 : duration.toNanos() / 1e9;
  }
}
