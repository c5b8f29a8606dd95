package dev.researcher4j.tools.web.search;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One web search result, the same shape whichever provider found it: title, address, snippet,
 * publication date when the provider knew it, the provider's name and the result's rank in the
 * provider's own list.
 *
 * <p>The URL is cleaned (fragment and tracking parameters such as {@code utm_source} removed, host
 * in lower case, default port dropped). Immutable and thread-safe.
 */
public final class SearchResult {

  private final String title;
  private final String url;
  private final String snippet;
  private final LocalDate publishedDate;
  private final String provider;
  private final int rank;

  private SearchResult(
      String title,
      String url,
      String snippet,
      LocalDate publishedDate,
      String provider,
      int rank) {
    Objects.requireNonNull(url, "url is required, but was null");
    if (url.isBlank()) {
      throw new IllegalArgumentException("url is required, but was blank");
    }
    Objects.requireNonNull(provider, "provider is required, but was null");
    if (provider.isBlank()) {
      throw new IllegalArgumentException("provider is required, but was blank");
    }
    if (rank < 1) {
      throw new IllegalArgumentException("rank counts from 1, but was " + rank);
    }
    this.title = title == null ? "" : title;
    this.url = url;
    this.snippet = snippet == null ? "" : snippet;
    this.publishedDate = publishedDate;
    this.provider = provider;
    this.rank = rank;
  }

  /**
   * A result without a known publication date.
   *
   * @param title the page title, or {@code null}/empty when unknown
   * @param url the page address (required)
   * @param snippet the provider's excerpt, or {@code null}/empty
   * @param provider the provider that found it, e.g. {@code tavily}
   * @param rank its position in the provider's list, from 1
   */
  public static SearchResult of(
      String title, String url, String snippet, String provider, int rank) {
    return new SearchResult(title, url, snippet, null, provider, rank);
  }

  /** A copy with the given publication date ({@code null} for unknown). */
  public SearchResult withPublishedDate(LocalDate date) {
    return new SearchResult(title, url, snippet, date, provider, rank);
  }

  /** The page title, or empty when the provider gave none. */
  public String title() {
    return title;
  }

  /** The cleaned page address. */
  public String url() {
    return url;
  }

  /** The provider's excerpt of the page as plain text, or empty. */
  public String snippet() {
    return snippet;
  }

  /** When the page was published (or last updated), if the provider said. */
  public Optional<LocalDate> publishedDate() {
    return Optional.ofNullable(publishedDate);
  }

  /** The provider that found the result ({@code tavily}, {@code brave}, …). */
  public String provider() {
    return provider;
  }

  /** The result's position in the provider's own list, from 1. */
  public int rank() {
    return rank;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SearchResult other
        && title.equals(other.title)
        && url.equals(other.url)
        && snippet.equals(other.snippet)
        && Objects.equals(publishedDate, other.publishedDate)
        && provider.equals(other.provider)
        && rank == other.rank;
  }

  @Override
  public int hashCode() {
    return Objects.hash(title, url, snippet, publishedDate, provider, rank);
  }

  @Override
  public String toString() {
    return "SearchResult{rank="
        + rank
        + ", provider="
        + provider
        + ", title='"
        + title
        + "', url="
        + url
        + (publishedDate == null ? "" : ", published=" + publishedDate)
        + '}';
  }
}
