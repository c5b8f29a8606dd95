package dev.researcher4j.tools.scholar.internal;

import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.core.http.ProviderError;
import dev.researcher4j.tools.scholar.Author;
import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperSource;
import dev.researcher4j.tools.scholar.PublicationType;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads arXiv's Atom feeds. An entry whose id points at {@code arxiv.org/api/errors} is arXiv's way
 * of reporting a bad query (sent with HTTP 400 today, with HTTP 200 in the past): it becomes an
 * {@link InvalidRequestException} carrying arXiv's explanation.
 */
public final class ArxivParser {
  private ArxivParser() {}

  /** The provider name in messages. */
  public static final String PROVIDER = "arxiv";

  /** A parsed feed: its entries and the OpenSearch paging numbers. */
  public record Feed(List<Paper> papers, long total, int startIndex, int entries) {}

  /** Parses a successful (2xx) response body. */
  public static Feed parse(String body, int status) {
    Document doc = Xml.parse(body, false, PROVIDER, status);
    Element feed = doc.getDocumentElement();
    if (feed == null || !"feed".equals(feed.getLocalName())) {
      throw new MalformedResponseException(
          PROVIDER + ": response is not an Atom feed: " + Texts.snippet(body, 200),
          null,
          PROVIDER,
          status,
          "");
    }
    ProviderError error = errorIn(feed);
    if (error != null) {
      throw new InvalidRequestException(
          PROVIDER + ": query rejected (" + error.code() + "): " + error.message(),
          null,
          PROVIDER,
          status,
          error.code());
    }
    List<Element> entries = Xml.children(feed, "entry");
    List<Paper> papers = new ArrayList<>();
    for (Element entry : entries) {
      Paper p = entry(entry);
      if (p != null) {
        papers.add(p);
      }
    }
    long total = parseLong(Xml.text(feed, "totalResults"), papers.size());
    int start = (int) parseLong(Xml.text(feed, "startIndex"), 0);
    return new Feed(papers, total, start, entries.size());
  }

  /**
   * Reads an error body: arXiv's Atom error entry when there is one, else the default shapes
   * (arXiv's throttling answer is plain text, "Rate exceeded.").
   */
  public static ProviderError parseError(String body) {
    if (body != null && body.contains("<feed")) {
      try {
        Document doc = Xml.parse(body, false, PROVIDER, 0);
        ProviderError error = errorIn(doc.getDocumentElement());
        if (error != null) {
          return error;
        }
      } catch (MalformedResponseException notXml) {
        // fall through to the generic reading
      }
    }
    return ProviderError.parse(body);
  }

  private static ProviderError errorIn(Element feed) {
    for (Element entry : Xml.children(feed, "entry")) {
      String id = Xml.text(entry, "id");
      if (id.contains("/api/errors")) {
        int hash = id.indexOf('#');
        String code = hash >= 0 ? id.substring(hash + 1) : "error";
        String message = Xml.text(entry, "summary");
        return new ProviderError(code, message.isEmpty() ? Xml.text(entry, "title") : message);
      }
    }
    return null;
  }

  private static Paper entry(Element entry) {
    String id = Xml.text(entry, "id");
    String title = Xml.text(entry, "title");
    String summary = Xml.text(entry, "summary");
    String arxivId = Ids.arxivWithVersion(id);
    if (arxivId.isEmpty() || (title.isEmpty() && summary.isEmpty())) {
      return null; // an id arXiv does not have comes back as an empty entry
    }
    Paper.Builder b =
        Paper.builder()
            .source(PaperSource.ARXIV)
            .type(PublicationType.PREPRINT)
            .title(title)
            .abstractText(summary)
            .arxivId(arxivId)
            .publicationDate(Xml.text(entry, "published"))
            .doi(Xml.text(entry, "doi"))
            .landingUrl("https://arxiv.org/abs/" + Ids.arxiv(arxivId));
    String journalRef = Xml.text(entry, "journal_ref");
    b.venue(journalRef.isEmpty() ? "arXiv" : journalRef);
    for (Element author : Xml.children(entry, "author")) {
      String name = Xml.text(author, "name");
      if (name.isBlank()) {
        continue;
      }
      List<String> affiliations = new ArrayList<>();
      for (Element aff : Xml.children(author, "affiliation")) {
        affiliations.add(Texts.collapse(aff.getTextContent()));
      }
      b.addAuthor(Author.of(name).withAffiliations(affiliations));
    }
    for (Element link : Xml.children(entry, "link")) {
      String href = link.getAttribute("href");
      if ("pdf".equals(link.getAttribute("title"))
          || "application/pdf".equals(link.getAttribute("type"))) {
        b.pdfUrl(href).openAccessUrl(href);
      }
    }
    Element primary = Xml.child(entry, "primary_category");
    if (primary != null) {
      b.addFieldOfStudy(primary.getAttribute("term"));
    }
    for (Element category : Xml.children(entry, "category")) {
      b.addFieldOfStudy(category.getAttribute("term"));
    }
    return b.build();
  }

  private static long parseLong(String text, long fallback) {
    String t = text.strip();
    return t.matches("\\d{1,18}") ? Long.parseLong(t) : fallback;
  }
}
