package dev.researcher4j.tools.web.extract.internal;

import java.util.Set;
import org.jsoup.nodes.Element;

/** Facts about HTML elements the extractor relies on. */
final class Html {

  /** Elements that start a new block of text. */
  static final Set<String> BLOCKS =
      Set.of(
          "address",
          "article",
          "aside",
          "blockquote",
          "center",
          "dd",
          "details",
          "dialog",
          "dir",
          "div",
          "dl",
          "dt",
          "fieldset",
          "figcaption",
          "figure",
          "footer",
          "form",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "header",
          "hgroup",
          "hr",
          "li",
          "main",
          "menu",
          "nav",
          "ol",
          "p",
          "pre",
          "section",
          "summary",
          "table",
          "tbody",
          "thead",
          "tfoot",
          "tr",
          "td",
          "th",
          "caption",
          "ul",
          "body",
          "html",
          "noscript",
          "legend",
          "option",
          "select",
          "frameset",
          "frame");

  /** Elements with no readable text of their own, removed before anything else. */
  static final String NOISE =
      "script, style, noscript, template, iframe, frame, frameset, svg, math, canvas, button, input,"
          + " select, option, textarea, object, embed, applet, link, meta, map, area, audio, video,"
          + " source, track, picture, img, head > *, dialog";

  static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  private Html() {}

  private static final Set<String> NOISE_TAGS =
      Set.of("script", "style", "noscript", "template", "textarea", "title", "head");

  /** Whether {@code e} holds no readable text (scripts, styles, templates…). */
  static boolean isNoise(Element e) {
    return NOISE_TAGS.contains(e.normalName());
  }

  static boolean isBlock(Element e) {
    return BLOCKS.contains(e.normalName());
  }
}
