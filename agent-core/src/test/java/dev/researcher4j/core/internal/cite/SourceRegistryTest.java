package dev.researcher4j.core.internal.cite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Source;
import org.junit.jupiter.api.Test;

class SourceRegistryTest {

  @Test
  void theRegistryGivesStableIdsAndMergesExcerpts() {
    SourceRegistry registry = new SourceRegistry();

    SourceRegistry.Registration first =
        registry.register(Source.web("https://example.org/a", "", "one"));
    SourceRegistry.Registration other =
        registry.register(Source.web("https://example.org/b", "B", "x"));
    SourceRegistry.Registration again =
        registry.register(Source.web("http://www.example.org/a/", "Title A", "two"));

    assertThat(first.source().id()).isEqualTo("S1");
    assertThat(other.source().id()).isEqualTo("S2");
    assertThat(again.isNew()).isFalse();
    assertThat(again.source().id()).isEqualTo("S1");
    assertThat(again.source().title()).isEqualTo("Title A");
    assertThat(again.source().excerpts()).containsExactly("one", "two");
    assertThat(registry.byUrl("https://example.org/a#top")).contains(again.source());
    assertThat(registry.byId("S3")).isEmpty();
  }
}
