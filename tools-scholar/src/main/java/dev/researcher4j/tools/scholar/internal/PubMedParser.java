package dev.researcher4j.tools.scholar.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.api.RateLimitException;
import dev.researcher4j.tools.scholar.Author;
import dev.researcher4j.tools.scholar.Paper;
import dev.researcher4j.tools.scholar.PaperSource;
import dev.researcher4j.tools.scholar.PublicationType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Reads NCBI E-utilities answers: esearch and esummary JSON, efetch PubMed XML. */
public final class PubMedParser {
  private PubMedParser() {}

  /** The provider name in messages. */
  public static final String PROVIDER = "pubmed";

  private static final List<String> MONTHS =
      List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  /** The ids and count of an esearch answer. */
  public record SearchIds(List<String> ids, long count) {}

  /**
   * Parses a JSON answer, turning NCBI's in-body errors into exceptions: {@code {"error": "API rate
   * limit exceeded", …}} (sometimes sent with HTTP 200) is a retryable {@link RateLimitException};
   * other top-level errors are an {@link InvalidRequestException}.
   */
  public static JsonNode json(String body) {
    JsonNode root = Json.parse(body, PROVIDER, 200);
    String error = Json.text(root, "error");
    if (!error.isEmpty()) {
      if (error.toLowerCase(Locale.ROOT).contains("rate limit")) {
        throw new RateLimitException(
            PROVIDER + ": rate limited (" + error + ")", null, PROVIDER, 200, "rate_limit", null);
      }
      throw new InvalidRequestException(
          PROVIDER + ": request rejected (" + error + ")", null, PROVIDER, 200, "");
    }
    return root;
  }

  /**
   * The ids of an esearch answer; an {@code ERROR} in it becomes an {@link
   * InvalidRequestException}.
   */
  public static SearchIds searchIds(JsonNode root) {
    JsonNode result = Json.at(root, "esearchresult");
    if (!result.isObject()) {
      throw new MalformedResponseException(
          PROVIDER + ": esearch answer has no esearchresult", null, PROVIDER, 200, "");
    }
    String error = Json.text(result, "ERROR");
    if (!error.isEmpty()) {
      throw new InvalidRequestException(
          PROVIDER + ": search rejected (" + error + ")", null, PROVIDER, 200, "");
    }
    List<String> ids = new ArrayList<>();
    for (String id : Json.strings(result, "idlist")) {
      String pmid = Ids.pmid(id);
      if (!pmid.isEmpty()) {
        ids.add(pmid);
      }
    }
    return new SearchIds(ids, Json.longValue(result, ids.size(), "count"));
  }

  /** The documents of an esummary answer, in the order of its {@code uids}; errors skipped. */
  public static List<Paper> summaries(JsonNode root) {
    JsonNode result = Json.at(root, "result");
    List<Paper> out = new ArrayList<>();
    if (!result.isObject()) {
      if (Json.at(root, "esummaryresult").isArray()) {
        return out; // "Empty id list - nothing todo" and friends
      }
      throw new MalformedResponseException(
          PROVIDER + ": esummary answer has no result", null, PROVIDER, 200, "");
    }
    for (String uid : Json.strings(result, "uids")) {
      Paper p = summary(Json.at(result, uid));
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  static Paper summary(JsonNode doc) {
    if (!doc.isObject() || !Json.text(doc, "error").isEmpty()) {
      return null;
    }
    List<String> authors = new ArrayList<>();
    for (JsonNode a : Json.array(doc, "authors")) {
      authors.add(Json.text(a, "name"));
    }
    List<Map.Entry<String, String>> ids = new ArrayList<>();
    for (JsonNode id : Json.array(doc, "articleids")) {
      ids.add(Map.entry(Json.text(id, "idtype"), Json.text(id, "value")));
    }
    return summary(
        new Summary(
            Json.text(doc, "uid"),
            Json.text(doc, "title"),
            Json.text(doc, "fulljournalname"),
            Json.text(doc, "source"),
            Json.text(doc, "pubdate"),
            Json.text(doc, "sortpubdate"),
            authors,
            ids,
            Json.strings(doc, "pubtype")));
  }

  /** The fields of one esummary record, whether it came as JSON or as XML. */
  record Summary(
      String uid,
      String title,
      String fullJournalName,
      String source,
      String pubDate,
      String sortPubDate,
      List<String> authors,
      List<Map.Entry<String, String>> articleIds,
      List<String> pubTypes) {}

  static Paper summary(Summary doc) {
    String pmid = Ids.pmid(doc.uid());
    String title = doc.title();
    if (pmid.isEmpty() && title.isBlank()) {
      return null;
    }
    Paper.Builder b =
        Paper.builder()
            .source(PaperSource.PUBMED)
            .pmid(pmid)
            .title(title)
            .landingUrl(pmid.isEmpty() ? "" : "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/");
    b.venue(doc.fullJournalName().isBlank() ? doc.source() : doc.fullJournalName());
    String sortDate = doc.sortPubDate();
    String date = freeDate(doc.pubDate());
    if (date.isEmpty() && sortDate.matches("\\d{4}/\\d{2}/\\d{2}.*")) {
      date = sortDate.substring(0, 10).replace('/', '-');
    }
    b.publicationDate(date);
    for (String name : doc.authors()) {
      if (!name.isBlank()) {
        b.addAuthor(initialsLast(name));
      }
    }
    for (Map.Entry<String, String> id : doc.articleIds()) {
      String value = id.getValue();
      switch (id.getKey()) {
        case "doi" -> b.doi(value);
        case "pmc", "pmcid" ->
            b.otherId(Paper.ID_PMCID, Ids.pmcid(value.replaceAll("(?i)pmc-id:|;.*", "")));
        default -> {
          // pubmed (the uid again), pii, mid, rid, eid: not needed
        }
      }
    }
    b.type(type(doc.pubTypes()));
    return b.build();
  }

  /**
   * The ids of an esearch answer in either form NCBI sends: JSON ({@code retmode=json}) or XML (the
   * default {@code retmode=xml}, an {@code eSearchResult}).
   */
  public static SearchIds searchIds(String body) {
    return isXml(body) ? PubMedXml.searchIds(body) : searchIds(json(body));
  }

  /** The documents of an esummary answer in JSON or in XML (an {@code eSummaryResult}). */
  public static List<Paper> summaries(String body) {
    return isXml(body) ? PubMedXml.summaries(body) : summaries(json(body));
  }

  private static boolean isXml(String body) {
    String s = body == null ? "" : body.stripLeading();
    if (s.startsWith("\ufeff")) {
      s = s.substring(1);
    }
    return s.startsWith("<");
  }

  /**
   * The articles of an efetch {@code PubmedArticleSet}; an {@code eFetchResult} with an {@code
   * ERROR} becomes an {@link InvalidRequestException}.
   */
  public static List<Paper> articles(String body) {
    Document doc = Xml.parse(body, true, PROVIDER, 200);
    Element root = doc.getDocumentElement();
    String rootName = root == null ? "" : root.getLocalName();
    if ("eFetchResult".equals(rootName)) {
      throw new InvalidRequestException(
          PROVIDER + ": fetch rejected (" + Xml.text(root, "ERROR") + ")", null, PROVIDER, 200, "");
    }
    if (!"PubmedArticleSet".equals(rootName)) {
      throw new MalformedResponseException(
          PROVIDER + ": efetch answer is not a PubmedArticleSet but <" + rootName + ">",
          null,
          PROVIDER,
          200,
          "");
    }
    List<Paper> out = new ArrayList<>();
    for (Element article : Xml.children(root, "PubmedArticle")) {
      Paper p = article(article);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static Paper article(Element pubmedArticle) {
    Element citation = Xml.child(pubmedArticle, "MedlineCitation");
    Element article = Xml.child(citation, "Article");
    String pmid = Ids.pmid(Xml.text(citation, "PMID"));
    String title = Xml.text(article, "ArticleTitle");
    if (pmid.isEmpty() && title.isBlank()) {
      return null;
    }
    Paper.Builder b =
        Paper.builder()
            .source(PaperSource.PUBMED)
            .pmid(pmid)
            .title(title)
            .venue(Xml.text(article, "Journal", "Title"))
            .landingUrl(pmid.isEmpty() ? "" : "https://pubmed.ncbi.nlm.nih.gov/" + pmid + "/");
    List<String> sections = new ArrayList<>();
    for (Element text : Xml.children(Xml.child(article, "Abstract"), "AbstractText")) {
      String label = text.getAttribute("Label");
      String content = Texts.collapse(text.getTextContent());
      if (!content.isEmpty()) {
        sections.add(label.isEmpty() ? content : label + ": " + content);
      }
    }
    b.abstractText(String.join(" ", sections));
    String date = date(Xml.path(article, "Journal", "JournalIssue", "PubDate"));
    if (date.isEmpty()) {
      date = date(Xml.child(article, "ArticleDate"));
    }
    b.publicationDate(date);
    for (Element a : Xml.children(Xml.child(article, "AuthorList"), "Author")) {
      Author author = author(a);
      if (author != null) {
        b.addAuthor(author);
      }
    }
    for (Element id :
        Xml.children(Xml.path(pubmedArticle, "PubmedData", "ArticleIdList"), "ArticleId")) {
      String kind = id.getAttribute("IdType");
      String value = Texts.collapse(id.getTextContent());
      if (kind.equals("doi")) {
        b.doi(value);
      } else if (kind.equals("pmc")) {
        b.otherId(Paper.ID_PMCID, Ids.pmcid(value));
      }
    }
    for (Element loc : Xml.children(article, "ELocationID")) {
      if ("doi".equals(loc.getAttribute("EIdType"))) {
        Paper built = b.build();
        if (built.doi().isEmpty()) {
          b.doi(Texts.collapse(loc.getTextContent()));
        }
      }
    }
    List<String> types = new ArrayList<>();
    for (Element t : Xml.children(Xml.child(article, "PublicationTypeList"), "PublicationType")) {
      types.add(Texts.collapse(t.getTextContent()));
    }
    b.type(type(types));
    int mesh = 0;
    for (Element heading : Xml.children(Xml.child(citation, "MeshHeadingList"), "MeshHeading")) {
      if (mesh++ >= 10) {
        break;
      }
      b.addFieldOfStudy(Xml.text(heading, "DescriptorName"));
    }
    return b.build();
  }

  private static Author author(Element a) {
    String collective = Xml.text(a, "CollectiveName");
    String last = Xml.text(a, "LastName");
    String fore = Xml.text(a, "ForeName");
    if (fore.isEmpty()) {
      fore = Xml.text(a, "Initials");
    }
    Author author;
    if (!last.isEmpty()) {
      author = Author.of(fore, last);
    } else if (!collective.isEmpty()) {
      author = new Author(collective, "", "", "", List.of());
    } else {
      return null;
    }
    List<String> affiliations = new ArrayList<>();
    for (Element info : Xml.children(a, "AffiliationInfo")) {
      affiliations.add(Xml.text(info, "Affiliation"));
    }
    for (Element id : Xml.children(a, "Identifier")) {
      if ("ORCID".equalsIgnoreCase(id.getAttribute("Source"))) {
        author = author.withOrcid(Texts.collapse(id.getTextContent()));
      }
    }
    return author.withAffiliations(affiliations);
  }

  /** "Smith JA" (family name, then initials), the way esummary lists authors. */
  private static Author initialsLast(String name) {
    String clean = Texts.collapse(name);
    int space = clean.lastIndexOf(' ');
    if (space > 0 && clean.substring(space + 1).matches("\\p{Lu}{1,4}")) {
      return new Author(
          clean, clean.substring(space + 1), clean.substring(0, space), "", List.of());
    }
    return new Author(clean, "", "", "", List.of());
  }

  private static String date(Element date) {
    if (date == null) {
      return "";
    }
    String year = Xml.text(date, "Year");
    if (year.isEmpty()) {
      return freeDate(Xml.text(date, "MedlineDate"));
    }
    if (!year.matches("\\d{4}")) {
      return "";
    }
    int month = month(Xml.text(date, "Month"));
    if (month == 0) {
      return year;
    }
    String day = Xml.text(date, "Day");
    String out = year + String.format(Locale.ROOT, "-%02d", month);
    return day.matches("\\d{1,2}") && Integer.parseInt(day) >= 1 && Integer.parseInt(day) <= 31
        ? out + String.format(Locale.ROOT, "-%02d", Integer.parseInt(day))
        : out;
  }

  /** "2017 Dec 12", "2017 Dec", "1998 Dec-1999 Jan", "2017 Winter", "2017" → an ISO date. */
  static String freeDate(String text) {
    String[] parts = Texts.collapse(text).split("[ -]");
    if (parts.length == 0 || !parts[0].matches("\\d{4}")) {
      return "";
    }
    int month = parts.length > 1 ? month(parts[1]) : 0;
    if (month == 0) {
      return parts[0];
    }
    String out = parts[0] + String.format(Locale.ROOT, "-%02d", month);
    if (parts.length > 2 && parts[2].matches("\\d{1,2}")) {
      int day = Integer.parseInt(parts[2]);
      if (day >= 1 && day <= 31) {
        out += String.format(Locale.ROOT, "-%02d", day);
      }
    }
    return out;
  }

  private static int month(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.matches("\\d{1,2}")) {
      int m = Integer.parseInt(t);
      return m >= 1 && m <= 12 ? m : 0;
    }
    if (t.length() >= 3) {
      return MONTHS.indexOf(t.substring(0, 3)) + 1;
    }
    return 0;
  }

  private static PublicationType type(List<String> types) {
    List<String> lower = types.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    if (lower.contains("review")
        || lower.contains("systematic review")
        || lower.contains("meta-analysis")) {
      return PublicationType.REVIEW;
    }
    if (lower.contains("preprint")) {
      return PublicationType.PREPRINT;
    }
    if (lower.contains("journal article")) {
      return PublicationType.JOURNAL_ARTICLE;
    }
    return types.isEmpty() ? PublicationType.UNKNOWN : PublicationType.OTHER;
  }
}
