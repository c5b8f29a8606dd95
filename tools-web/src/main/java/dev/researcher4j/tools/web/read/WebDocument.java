package dev.researcher4j.tools.web.read;

import dev.researcher4j.tools.web.extract.PageLink;
import dev.researcher4j.tools.web.extract.PageMetadata;
import java.util.List;
import java.util.Objects;

/**
 * A fetched document turned into text.
 *
 * @param requestedUrl the URL asked for
 * @param url where the document was finally found, after redirects
 * @param kind what it is
 * @param contentType the media type the server declared (may be empty)
 * @param title its title, or empty
 * @param text its readable text (for HTML the main content; for PDFs every page's text)
 * @param metadata author, date, language and more, where known
 * @param links the links it contains (HTML only)
 * @param pdfPageStarts for PDFs, the offset in {@link #text()} where each PDF page starts; else
 *     empty
 * @param truncated whether the response was longer than the size limit and cut there
 * @param textNote empty when {@code text} is what it says; otherwise why it is not (for HTML whose
 *     main content could not be found: that {@code text} is the page's whole visible text)
 */
public record WebDocument(
    String requestedUrl,
    String url,
    DocumentKind kind,
    String contentType,
    String title,
    String text,
    PageMetadata metadata,
    List<PageLink> links,
    List<Integer> pdfPageStarts,
    boolean truncated,
    String textNote) {

  /** Checks the fields and copies the lists. */
  public WebDocument {
    Objects.requireNonNull(requestedUrl, "requestedUrl is required, but was null");
    Objects.requireNonNull(url, "url is required, but was null");
    Objects.requireNonNull(kind, "kind is required, but was null");
    contentType = contentType == null ? "" : contentType;
    title = title == null ? "" : title;
    text = text == null ? "" : text;
    metadata = metadata == null ? PageMetadata.EMPTY : metadata;
    links = links == null ? List.of() : List.copyOf(links);
    pdfPageStarts = pdfPageStarts == null ? List.of() : List.copyOf(pdfPageStarts);
    textNote = textNote == null ? "" : textNote;
  }

  /** The PDF page (1-based) holding the character at {@code offset}, or 0 if not a PDF. */
  public int pdfPageAt(int offset) {
    int page = 0;
    for (int i = 0; i < pdfPageStarts.size() && pdfPageStarts.get(i) <= offset; i++) {
      page = i + 1;
    }
    return page;
  }
}
