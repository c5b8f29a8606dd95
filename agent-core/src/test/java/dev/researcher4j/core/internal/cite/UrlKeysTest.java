package dev.researcher4j.core.internal.cite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.researcher4j.api.Source;
import org.junit.jupiter.api.Test;

class UrlKeysTest {

  @Test
  void treatsTheSamePageWrittenDifferentlyAsOne() {
    String key = UrlKeys.key("https://example.org/a/b");

    assertThat(UrlKeys.key("http://www.Example.org:80/a/b/")).isEqualTo(key);
    assertThat(UrlKeys.key("https://example.org/a/b#section-2")).isEqualTo(key);
    assertThat(UrlKeys.key("https://example.org/a/b?utm_source=x&fbclid=y")).isEqualTo(key);
    assertThat(UrlKeys.key("https://example.org/a/b?page=2")).isNotEqualTo(key);
    assertThat(UrlKeys.key("https://example.org/A/b")).isNotEqualTo(key);
  }

  @Test
  void reducesDoisAndArxivIdsToTheirIdentifiers() {
    assertThat(UrlKeys.key("https://doi.org/10.1000/ABC.1")).isEqualTo("doi:10.1000/abc.1");
    assertThat(UrlKeys.key("https://dx.doi.org/10.1000/abc.1")).isEqualTo("doi:10.1000/abc.1");
    assertThat(UrlKeys.key("https://arxiv.org/abs/2401.01234v2")).isEqualTo("arxiv:2401.01234");
    assertThat(UrlKeys.key("https://arxiv.org/pdf/2401.01234.pdf")).isEqualTo("arxiv:2401.01234");
  }

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
