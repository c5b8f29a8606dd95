package dev.researcher4j.core.internal.cite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void restoredSourcesKeepTheirIdsAndNewOnesFollowTheHighest() {
    SourceRegistry registry = new SourceRegistry();

    registry.restore(Source.web("https://a.example/x", "A", "a").withId("S4"));
    registry.restore(Source.web("https://b.example/y", "B", "b").withId("S2"));
    Source next = registry.register(Source.web("https://c.example/z", "C", "c")).source();
    Source known = registry.register(Source.web("https://a.example/x", "", "more")).source();

    assertThat(next.id()).isEqualTo("S5");
    assertThat(known.id()).isEqualTo("S4");
    assertThat(known.excerpts()).containsExactly("a", "more");
    assertThat(registry.all()).extracting(Source::id).containsExactly("S2", "S4", "S5");
    assertThat(registry.byIdMap()).containsOnlyKeys("S2", "S4", "S5");
  }

  @Test
  void restoringASourceTwiceMergesIt() {
    SourceRegistry registry = new SourceRegistry();

    registry.restore(Source.web("https://a.example/x", "A", "one").withId("S1"));
    Source again = registry.restore(Source.web("https://a.example/x", "A", "two").withId("S1"));

    assertThat(again.excerpts()).containsExactly("one", "two");
    assertThat(registry.size()).isEqualTo(1);
  }

  @Test
  void restoringAClashingIdOrUrlIsRefused() {
    SourceRegistry registry = new SourceRegistry();
    registry.restore(Source.web("https://a.example/x", "A", "a").withId("S1"));

    assertThatThrownBy(
            () -> registry.restore(Source.web("https://b.example/y", "B", "b").withId("S1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("S1");
    assertThatThrownBy(
            () -> registry.restore(Source.web("https://a.example/x", "A", "a").withId("S2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already belongs");
    assertThatThrownBy(() -> registry.restore(Source.web("https://c.example", "C", "c")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("id like S3");
  }
}
