package dev.researcher4j.tools.scholar.internal;

import dev.researcher4j.api.MalformedResponseException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses XML responses with the JDK's parser locked down: no external entities, no external DTDs or
 * schemas, no XInclude, entity expansion limited by secure processing. Feeds that never carry a
 * DOCTYPE (arXiv's Atom) are parsed with DOCTYPEs forbidden outright; PubMed's efetch XML starts
 * with a DOCTYPE naming NLM's DTD, so for it the declaration is allowed but never loaded.
 */
public final class Xml {
  private Xml() {}

  /**
   * Parses {@code body}.
   *
   * @param allowDoctype whether a DOCTYPE declaration may appear (it is never fetched)
   * @throws MalformedResponseException naming {@code provider} if the body is not well-formed XML
   */
  public static Document parse(String body, boolean allowDoctype, String provider, int status) {
    try {
      DocumentBuilder builder = factory(allowDoctype).newDocumentBuilder();
      builder.setErrorHandler(null);
      // Resolving any entity (an external DTD that slipped through) to nothing, never to a fetch.
      builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
      return builder.parse(new InputSource(new StringReader(body)));
    } catch (SAXException | IOException e) {
      throw new MalformedResponseException(
          provider
              + ": response is not well-formed XML ("
              + e.getMessage()
              + "): "
              + Texts.snippet(body, 200),
          e,
          provider,
          status,
          "");
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK XML parser lacks a required security feature", e);
    }
  }

  private static DocumentBuilderFactory factory(boolean allowDoctype)
      throws ParserConfigurationException {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", !allowDoctype);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    f.setXIncludeAware(false);
    f.setExpandEntityReferences(false);
    f.setValidating(false);
    return f;
  }

  /** The child elements of {@code parent} with this local name (any namespace). */
  public static List<Element> children(Node parent, String localName) {
    List<Element> out = new ArrayList<>();
    if (parent == null) {
      return out;
    }
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e && localName.equals(localName(e))) {
        out.add(e);
      }
    }
    return out;
  }

  /** The first child element with this local name, or {@code null}. */
  public static Element child(Node parent, String localName) {
    List<Element> all = children(parent, localName);
    return all.isEmpty() ? null : all.get(0);
  }

  /** The element at the path of local names below {@code parent}, or {@code null}. */
  public static Element path(Node parent, String... localNames) {
    Node current = parent;
    for (String name : localNames) {
      current = child(current, name);
      if (current == null) {
        return null;
      }
    }
    return (Element) current;
  }

  /** The text of the element at the path, white space collapsed; empty when absent. */
  public static String text(Node parent, String... localNames) {
    Element e = path(parent, localNames);
    return e == null ? "" : Texts.collapse(e.getTextContent());
  }

  /** Every descendant element with this local name, in document order. */
  public static List<Element> descendants(Node root, String localName) {
    List<Element> out = new ArrayList<>();
    if (root instanceof Document d) {
      root = d.getDocumentElement();
    }
    collect(root, localName, out);
    return out;
  }

  private static void collect(Node node, String localName, List<Element> out) {
    NodeList nodes = node.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node n = nodes.item(i);
      if (n instanceof Element e) {
        if (localName.equals(localName(e))) {
          out.add(e);
        }
        collect(e, localName, out);
      }
    }
  }

  private static String localName(Element e) {
    return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
  }
}
