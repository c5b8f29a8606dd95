package dev.researcher4j.tools.web.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SearchQueryTest {

  @Test
  void hasTheDocumentedDefaults() {
    SearchQuery query = SearchQuery.of("  solar sails  ");

    assertThat(query.query()).isEqualTo("solar sails");
    assertThat(query.count()).isEqualTo(SearchQuery.DEFAULT_COUNT);
    assertThat(query.freshness()).isEmpty();
    assertThat(query.dateFrom()).isEmpty();
    assertThat(query.dateTo()).isEmpty();
    assertThat(query.hasDateRange()).isFalse();
    assertThat(query.site()).isEmpty();
    assertThat(query.language()).isEmpty();
    assertThat(query.country()).isEmpty();
    assertThat(query.queryWithSiteOperator()).isEqualTo("solar sails");
  }

  @Test
  void rejectsAMissingOrBlankQueryNamingIt() {
    assertThatThrownBy(() -> SearchQuery.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("query is required, but was null");
    assertThatThrownBy(() -> SearchQuery.of("   "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("query is required, but was blank");
    assertThatThrownBy(() -> SearchQuery.of("x".repeat(2001)))
        .hasMessage("query must be at most 2000 characters, but was 2001");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 51})
  void rejectsCountsOutOfRange(int count) {
    assertThatThrownBy(() -> SearchQuery.builder("x").count(count))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("count must be between 1 and 50, but was " + count);
  }

  @Test
  void rejectsFreshnessTogetherWithADateRange() {
    SearchQuery.Builder both =
        SearchQuery.builder("x").freshness(Freshness.DAY).dateRange(LocalDate.of(2024, 1, 1), null);

    assertThatThrownBy(both::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "freshness and a date range cannot both be set, but were day and 2024-01-01 to null");
  }

  @Test
  void rejectsARangeThatEndsBeforeItStarts() {
    assertThatThrownBy(
            () ->
                SearchQuery.builder("x")
                    .dateRange(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1)))
        .hasMessage("date range must not end before it starts, but was 2024-02-01 to 2024-01-01");
  }

  @Test
  void normalisesTheSite() {
    SearchQuery query = SearchQuery.builder("x").site(" HTTPS://Docs.Python.org/3/ ").build();

    assertThat(query.site()).contains("docs.python.org/3");
    assertThat(query.queryWithSiteOperator()).isEqualTo("x site:docs.python.org/3");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not a site", "-bad.example", "exa mple.org", "http://"})
  void rejectsSitesThatAreNotHostNames(String site) {
    assertThatThrownBy(() -> SearchQuery.builder("x").site(site))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("site must be a host name");
  }

  @Test
  void aLanguageWithARegionAlsoSetsTheCountry() {
    SearchQuery query = SearchQuery.builder("x").language("en-GB").build();

    assertThat(query.language()).contains("en");
    assertThat(query.country()).contains("gb");
  }

  @Test
  void anExplicitCountryWinsOverTheLanguagesRegion() {
    SearchQuery query = SearchQuery.builder("x").country("IE").language("en_GB").build();

    assertThat(query.country()).contains("ie");
    assertThat(query.language()).contains("en");
  }

  @Test
  void rejectsMalformedLanguagesAndCountries() {
    assertThatThrownBy(() -> SearchQuery.builder("x").language("english"))
        .hasMessage("language must be an ISO 639 code such as en or en-GB, but was 'english'");
    assertThatThrownBy(() -> SearchQuery.builder("x").country("USA"))
        .hasMessage("country must be a two-letter ISO 3166 code such as us, but was 'USA'");
  }

  @Test
  void blankFiltersClearThem() {
    SearchQuery query =
        SearchQuery.builder("x").site("a.org").site(" ").language("de").language(null).build();

    assertThat(query.site()).isEmpty();
    assertThat(query.language()).isEmpty();
  }

  @Test
  void toBuilderCopiesEveryValueAndEqualityUsesThemAll() {
    SearchQuery query =
        SearchQuery.builder("x")
            .count(3)
            .dateRange(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 1))
            .site("a.org")
            .language("de")
            .country("at")
            .build();

    SearchQuery copy = query.toBuilder().build();

    assertThat(copy).isEqualTo(query).hasSameHashCodeAs(query);
    assertThat(query.toBuilder().count(4).build()).isNotEqualTo(query);
    assertThat(query.toBuilder().query("y").build()).isNotEqualTo(query);
    assertThat(query.toString())
        .isEqualTo(
            "SearchQuery{query='x', count=3, dateFrom=2024-01-01, dateTo=2024-03-01, site=a.org,"
                + " language=de, country=at}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"day", "DAY", " d ", "past_day", "24h"})
  void readsFreshnessNames(String text) {
    assertThat(Freshness.parse(text)).isEqualTo(Freshness.DAY);
  }

  @Test
  void rejectsUnknownFreshnessNamingTheChoices() {
    assertThatThrownBy(() -> Freshness.parse("decade"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("freshness must be one of day, week, month, year, but was 'decade'");
  }
}
