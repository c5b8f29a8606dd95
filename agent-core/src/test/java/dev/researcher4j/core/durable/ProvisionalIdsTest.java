package dev.researcher4j.core.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Source;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The registry a call made away from its run registers into. */
class ProvisionalIdsTest {

  static Source known(String id, String url) {
    return new Source(id, Source.Kind.WEB, url, "", List.of(), Map.of());
  }

  @Test
  void aSeededRegistryKeepsKnownIdsAndNumbersNewSourcesFromTheGivenNumber() {
    SourceRegistry registry =
        new SourceRegistry(
            List.of(known("S1", "https://a.example/1"), known("S2", "https://a.example/2")),
            1_000_001);

    assertThat(registry.register(Source.web("https://a.example/2", "t", "more")).source().id())
        .isEqualTo("S2");
    assertThat(registry.register(Source.web("https://b.example/", "t", "x")).source().id())
        .isEqualTo("S1000001");
    assertThat(registry.register(Source.web("https://c.example/", "t", "x")).source().id())
        .isEqualTo("S1000002");
    assertThat(registry.byId("S2").orElseThrow().excerpts()).containsExactly("more");
  }

  @Test
  void aSeededRegistryRefusesUnnumberedSourcesAndOverlappingRanges() {
    assertThatThrownBy(
            () ->
                new SourceRegistry(List.of(Source.web("https://a.example/", "t", "x")), 1_000_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no id");
    assertThatThrownBy(() -> new SourceRegistry(List.of(known("S9", "https://a.example/")), 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was 9 with S9 known");
  }
}
