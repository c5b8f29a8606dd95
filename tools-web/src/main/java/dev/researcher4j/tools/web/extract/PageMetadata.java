package dev.researcher4j.tools.web.extract;

/**
 * What a page says about itself, from its meta tags, JSON-LD and markup. Every field is empty when
 * the page does not say.
 *
 * @param author the author or authors, as written
 * @param published when it was published, as written by the page (often ISO 8601)
 * @param language the language code ({@code en}, {@code fr-FR}, …)
 * @param description the page's own summary
 * @param siteName the site's name
 */
public record PageMetadata(
    String author, String published, String language, String description, String siteName) {

  /** Metadata with nothing known. */
  public static final PageMetadata EMPTY = new PageMetadata("", "", "", "", "");

  /** Replaces nulls with empty strings and trims. */
  public PageMetadata {
    author = clean(author);
    published = clean(published);
    language = clean(language);
    description = clean(description);
    siteName = clean(siteName);
  }

  private static String clean(String value) {
    return value == null ? "" : value.strip();
  }
}
