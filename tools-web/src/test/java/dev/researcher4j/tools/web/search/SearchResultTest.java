package dev.researcher4j.tools.web.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchResultTest {

  @Test
  void missingTextBecomesEmptyAndTheDateIsOptional() {
    SearchResult result = SearchResult.of(null, "https://a.org/", null, "brave", 1);

    assertThat(result.title()).isEmpty();
    assertThat(result.snippet()).isEmpty();
    assertThat(result.publishedDate()).isEmpty();
    assertThat(result.withPublishedDate(LocalDate.of(2024, 1, 2)).publishedDate())
        .contains(LocalDate.of(2024, 1, 2));
  }

  @Test
  void rejectsMissingUrlProviderAndBadRank() {
    assertThatThrownBy(() -> SearchResult.of("t", null, "", "brave", 1))
        .hasMessage("url is required, but was null");
    assertThatThrownBy(() -> SearchResult.of("t", " ", "", "brave", 1))
        .hasMessage("url is required, but was blank");
    assertThatThrownBy(() -> SearchResult.of("t", "https://a.org/", "", "", 1))
        .hasMessage("provider is required, but was blank");
    assertThatThrownBy(() -> SearchResult.of("t", "https://a.org/", "", "brave", 0))
        .hasMessage("rank counts from 1, but was 0");
  }

  @Test
  void equalityCoversEveryField() {
    SearchResult one = SearchResult.of("t", "https://a.org/", "s", "brave", 1);

    assertThat(one).isEqualTo(SearchResult.of("t", "https://a.org/", "s", "brave", 1));
    assertThat(one).hasSameHashCodeAs(SearchResult.of("t", "https://a.org/", "s", "brave", 1));
    assertThat(one).isNotEqualTo(SearchResult.of("t", "https://a.org/", "s", "brave", 2));
    assertThat(one).isNotEqualTo(one.withPublishedDate(LocalDate.of(2024, 1, 1)));
  }

  @Test
  void resultsCopyTheirLists() {
    List<SearchResult> list = new ArrayList<>();
    list.add(SearchResult.of("t", "https://a.org/", "s", "brave", 1));
    SearchResults results = new SearchResults("brave", "q", list, null);
    list.clear();

    assertThat(results.results()).hasSize(1);
    assertThat(results.notes()).isEmpty();
    assertThat(results.isEmpty()).isFalse();
  }
}
