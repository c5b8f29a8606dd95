package dev.researcher4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.researcher4j.api.Usage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceTableTest {

  private static final Usage USAGE = new Usage(1_000_000, 200_000, 400_000, 50_000, 0);

  @Test
  void cachedInputIsBilledAtItsOwnRateAndReasoningAsOutput() {
    ModelPrice price = ModelPrice.of(2.0, 0.5, 8.0);

    // 600k uncached × 2 + 400k cached × 0.5 + 200k out × 8, per million
    assertThat(price.costUsd(USAGE)).isCloseTo(1.2 + 0.2 + 1.6, within(1e-12));
  }

  @Test
  void cacheWritesAreBilledAtTheirOwnRateOrElseAsInput() {
    // 1M input: 200k read from the cache, 300k written to it, 500k plain; no output.
    Usage usage = new Usage(1_000_000, 0, 200_000, 0, 0, 300_000);
    ModelPrice price = ModelPrice.of(3.0, 0.3, 15.0);

    assertThat(price.costUsd(usage)).isCloseTo(1.5 + 0.06 + 0.9, within(1e-12));
    assertThat(price.withCacheWrite(3.75).costUsd(usage))
        .isCloseTo(1.5 + 0.06 + 1.125, within(1e-12));
    assertThatThrownBy(() -> price.withCacheWrite(-1))
        .hasMessageContaining("cacheWriteInputPerMillion must be a finite number >= 0, but was -1");
  }

  @Test
  void aPriceWithoutACacheRateBillsCachedInputAsInput() {
    assertThat(ModelPrice.of(2.0, 8.0).costUsd(USAGE)).isCloseTo(2.0 + 1.6, within(1e-12));
  }

  @Test
  void theConfiguredNameIsLookedUpFirstThenTheReportedOne() {
    PriceTable table =
        PriceTable.of(
            Map.of(
                "gpt-4o-mini", ModelPrice.of(1, 1),
                "gpt-4o-mini-2024-07-18", ModelPrice.of(2, 2)));
    Usage million = Usage.of(1_000_000, 0);

    assertThat(table.costUsd("gpt-4o-mini", "gpt-4o-mini-2024-07-18", million)).isEqualTo(1.0);
    assertThat(table.costUsd("alias", "gpt-4o-mini-2024-07-18", million)).isEqualTo(2.0);
    assertThat(table.costUsd("unknown", "", million)).isZero();
  }

  @Test
  void namesMatchExactlyNotByPrefix() {
    PriceTable table = PriceTable.of("gpt-4o", ModelPrice.of(2.5, 10));

    assertThat(table.priceFor("gpt-4o-mini")).isEmpty();
    assertThat(table.priceFor("gpt-4o")).contains(ModelPrice.of(2.5, 10));
  }

  @Test
  void theDefaultTableIsEmptyAndTablesAreImmutableValues() {
    PriceTable one = PriceTable.empty().with("a", ModelPrice.FREE);

    assertThat(PriceTable.empty().asMap()).isEmpty();
    assertThat(one)
        .isEqualTo(PriceTable.of("a", ModelPrice.FREE))
        .hasSameHashCodeAs(PriceTable.of("a", ModelPrice.FREE));
    assertThat(one.with("a", ModelPrice.of(1, 1)).priceFor("a")).contains(ModelPrice.of(1, 1));
    assertThat(one.priceFor("a")).contains(ModelPrice.FREE);
  }

  @Test
  void badPricesAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> ModelPrice.of(-1, 1))
        .hasMessage("inputPerMillion must be a finite number >= 0, but was -1.0");
    assertThatThrownBy(() -> ModelPrice.of(1, Double.NaN, 1))
        .hasMessage("cachedInputPerMillion must be a finite number >= 0, but was NaN");
    assertThatThrownBy(() -> PriceTable.of(" ", ModelPrice.FREE))
        .hasMessage("model must not be blank, but was ' '");
  }
}
