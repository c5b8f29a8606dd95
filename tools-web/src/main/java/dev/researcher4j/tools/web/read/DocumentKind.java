package dev.researcher4j.tools.web.read;

/** What kind of document a fetched resource turned out to be. */
public enum DocumentKind {
  /** An HTML page; its main content was extracted. */
  HTML,
  /** A PDF; its text was extracted page by page. */
  PDF,
  /** Plain text (including Markdown and CSV), passed through. */
  TEXT,
  /** JSON, passed through. */
  JSON,
  /** XML (including RSS and Atom), passed through. */
  XML
}
