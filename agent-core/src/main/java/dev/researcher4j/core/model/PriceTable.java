package dev.researcher4j.core.model;

import dev.researcher4j.api.Usage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices per model name, used to put a dollar figure on each call ({@link Usage#costUsd()}) so that
 * cost budgets work.
 *
 * <p>researcher4j ships <em>no</em> prices: the default table is {@linkplain #empty() empty}, and a
 * call to a model without a price costs 0. Prices change several times a year, the same model name
 * costs different amounts at different hosts (and nothing on a local vLLM or Ollama server), and a
 * stale built-in price would make a cost budget wrong without anyone noticing. Set the prices you
 * pay:
 *
 * <pre>{@code
 * PriceTable prices = PriceTable.of("gpt-4o-mini", ModelPrice.of(0.15, 0.075, 0.60));
 * }</pre>
 *
 * <p>Names are matched exactly (no prefix matching: {@code gpt-4o} must not price {@code
 * gpt-4o-mini}). A client looks up the model name it was configured with first, then the name the
 * provider reported in its response (which may carry a date suffix). Immutable and thread-safe.
 */
public final class PriceTable {

  private static final PriceTable EMPTY = new PriceTable(Map.of());

  private final Map<String, ModelPrice> prices;

  private PriceTable(Map<String, ModelPrice> prices) {
    this.prices = prices;
  }

  /** A table with no prices: every call costs 0. */
  public static PriceTable empty() {
    return EMPTY;
  }

  /** A table with the price of one model. */
  public static PriceTable of(String model, ModelPrice price) {
    return empty().with(model, price);
  }

  /** A table with these prices. */
  public static PriceTable of(Map<String, ModelPrice> prices) {
    Objects.requireNonNull(prices, "prices");
    PriceTable table = empty();
    for (Map.Entry<String, ModelPrice> entry : prices.entrySet()) {
      table = table.with(entry.getKey(), entry.getValue());
    }
    return table;
  }

  /** A copy of this table with the price of {@code model} set (replaced if present). */
  public PriceTable with(String model, ModelPrice price) {
    Objects.requireNonNull(model, "model is required, but was null");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model must not be blank, but was '" + model + "'");
    }
    Objects.requireNonNull(price, "price is required, but was null");
    Map<String, ModelPrice> copy = new LinkedHashMap<>(prices);
    copy.put(model, price);
    return new PriceTable(Map.copyOf(copy));
  }

  /** The price of {@code model}, matched exactly. */
  public Optional<ModelPrice> priceFor(String model) {
    return model == null ? Optional.empty() : Optional.ofNullable(prices.get(model));
  }

  /**
   * The cost of {@code usage}, priced as {@code model}, else as {@code reportedModel}; 0 when
   * neither has a price.
   */
  public double costUsd(String model, String reportedModel, Usage usage) {
    Objects.requireNonNull(usage, "usage");
    return priceFor(model)
        .or(() -> priceFor(reportedModel))
        .map(price -> price.costUsd(usage))
        .orElse(0.0);
  }

  /** Every price, by model name. */
  public Map<String, ModelPrice> asMap() {
    return prices;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PriceTable table && table.prices.equals(prices);
  }

  @Override
  public int hashCode() {
    return prices.hashCode();
  }

  @Override
  public String toString() {
    return "PriceTable" + prices;
  }
}
