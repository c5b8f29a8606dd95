package dev.researcher4j.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sampling options for a model call. A {@code null} field means "not set": the client's default, or
 * else the provider's, applies. Options set on a request override the client's defaults one field
 * at a time (see {@link #overriding(ChatOptions)}).
 *
 * @param temperature sampling temperature, or {@code null}
 * @param topP nucleus sampling mass, or {@code null}
 * @param maxTokens most completion tokens, or {@code null}
 * @param seed sampling seed, or {@code null}
 * @param stop stop sequences; empty for none
 * @param extra further provider parameters sent as they are (e.g. {@code "top_k"}, {@code
 *     "reasoning_effort"}); values must be JSON-serialisable
 */
public record ChatOptions(
    Double temperature,
    Double topP,
    Integer maxTokens,
    Long seed,
    List<String> stop,
    Map<String, Object> extra) {

  /** No option set. */
  public static final ChatOptions NONE =
      new ChatOptions(null, null, null, null, List.of(), Map.of());

  /** Checks the fields. */
  public ChatOptions {
    if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature must be in [0, 2], but was " + temperature);
    }
    if (topP != null && !(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("topP must be in (0, 1], but was " + topP);
    }
    if (maxTokens != null && maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be > 0, but was " + maxTokens);
    }
    stop = Checks.list(stop);
    extra = Checks.map(extra);
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.temperature = temperature;
    b.topP = topP;
    b.maxTokens = maxTokens;
    b.seed = seed;
    b.stop = stop;
    b.extra.putAll(extra);
    return b;
  }

  /**
   * These options with every field that {@code override} sets replaced by its value; extra
   * parameters are merged, the override's winning.
   */
  public ChatOptions overriding(ChatOptions override) {
    Map<String, Object> mergedExtra = new LinkedHashMap<>(extra);
    mergedExtra.putAll(override.extra);
    return new ChatOptions(
        override.temperature != null ? override.temperature : temperature,
        override.topP != null ? override.topP : topP,
        override.maxTokens != null ? override.maxTokens : maxTokens,
        override.seed != null ? override.seed : seed,
        override.stop.isEmpty() ? stop : override.stop,
        mergedExtra);
  }

  /** Builds {@link ChatOptions}; setters check ranges at once. */
  public static final class Builder {
    private Double temperature;
    private Double topP;
    private Integer maxTokens;
    private Long seed;
    private List<String> stop = List.of();
    private final Map<String, Object> extra = new LinkedHashMap<>();

    private Builder() {}

    /** Sampling temperature in [0, 2]. */
    public Builder temperature(double temperature) {
      this.temperature = temperature;
      return validate();
    }

    /** Nucleus sampling mass in (0, 1]. */
    public Builder topP(double topP) {
      this.topP = topP;
      return validate();
    }

    /** Most completion tokens, &gt; 0. */
    public Builder maxTokens(int maxTokens) {
      this.maxTokens = maxTokens;
      return validate();
    }

    /** Sampling seed. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Stop sequences. */
    public Builder stop(List<String> stop) {
      this.stop = Checks.list(stop);
      return this;
    }

    /** One provider parameter sent as it is. */
    public Builder extra(String name, Object value) {
      extra.put(Checks.required(name, "name"), value);
      return this;
    }

    /** Builds the options. */
    public ChatOptions build() {
      return new ChatOptions(temperature, topP, maxTokens, seed, stop, extra);
    }

    private Builder validate() {
      build();
      return this;
    }
  }
}
