package dev.researcher4j.tools.scholar.internal;

import dev.researcher4j.api.InvalidRequestException;
import dev.researcher4j.api.MalformedResponseException;
import dev.researcher4j.tools.scholar.Paper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * E-utilities answers in XML, the default {@code retmode}: {@code eSearchResult} (esearch) and
 * {@code eSummaryResult} (esummary, version 1.0 {@code DocSum} records of named {@code Item}s).
 * Read into the same values as the JSON answers. Stateless.
 */
final class PubMedXml {

  private static final String PROVIDER = PubMedParser.PROVIDER;

  private PubMedXml() {}

  static PubMedParser.SearchIds searchIds(String body) {
    Element root = root(body, "eSearchResult");
    String error = Xml.text(root, "ERROR");
    if (!error.isEmpty()) {
      throw new InvalidRequestException(
          PROVIDER + ": search rejected (" + error + ")", null, PROVIDER, 200, "");
    }
    List<String> ids = new ArrayList<>();
    for (Element id : Xml.children(Xml.child(root, "IdList"), "Id")) {
      String pmid = Ids.pmid(Texts.collapse(id.getTextContent()));
      if (!pmid.isEmpty()) {
        ids.add(pmid);
      }
    }
    long count;
    try {
      count = Long.parseLong(Xml.text(root, "Count"));
    } catch (NumberFormatException e) {
      count = ids.size();
    }
    return new PubMedParser.SearchIds(ids, count);
  }

  static List<Paper> summaries(String body) {
    Element root = root(body, "eSummaryResult");
    List<Paper> out = new ArrayList<>();
    // unknown ids come as <ERROR>Invalid uid … </ERROR> beside the records that were found
    for (Element doc : Xml.children(root, "DocSum")) {
      Paper p = PubMedParser.summary(summary(doc));
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static PubMedParser.Summary summary(Element doc) {
    List<String> authors = new ArrayList<>();
    for (Element a : Xml.children(item(doc, "AuthorList"), "Item")) {
      authors.add(Texts.collapse(a.getTextContent()));
    }
    List<Map.Entry<String, String>> ids = new ArrayList<>();
    for (Element id : Xml.children(item(doc, "ArticleIds"), "Item")) {
      ids.add(Map.entry(id.getAttribute("Name"), Texts.collapse(id.getTextContent())));
    }
    List<String> types = new ArrayList<>();
    for (Element t : Xml.children(item(doc, "PubTypeList"), "Item")) {
      types.add(Texts.collapse(t.getTextContent()));
    }
    return new PubMedParser.Summary(
        Xml.text(doc, "Id"),
        text(doc, "Title"),
        text(doc, "FullJournalName"),
        text(doc, "Source"),
        text(doc, "PubDate"),
        text(doc, "SortPubDate"),
        authors,
        ids,
        types);
  }

  /** The {@code <Item Name="name">} directly in {@code parent}, or null. */
  private static Element item(Element parent, String name) {
    for (Element e : Xml.children(parent, "Item")) {
      if (name.equals(e.getAttribute("Name"))) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String name) {
    Element e = item(parent, name);
    return e == null ? "" : Texts.collapse(e.getTextContent());
  }

  private static Element root(String body, String expected) {
    Document doc = Xml.parse(body, true, PROVIDER, 200);
    Element root = doc.getDocumentElement();
    String name = root == null ? "" : root.getLocalName();
    if (!expected.equals(name)) {
      throw new MalformedResponseException(
          PROVIDER + ": expected an <" + expected + "> answer but got <" + name + ">",
          null,
          PROVIDER,
          200,
          "");
    }
    return root;
  }
}
