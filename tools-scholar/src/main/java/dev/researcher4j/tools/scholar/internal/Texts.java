package dev.researcher4j.tools.scholar.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text clean-up shared by the parsers and formatters. */
public final class Texts {
  private Texts() {}

  private static final Pattern TAG = Pattern.compile("<[^<>]*>");
  // Inline markup of HTML and JATS (Crossref titles and abstracts): small caps (<scp>T</scp>reebase
  // is one word), styles, sub/superscripts, and every MathML element (<mml:mi>x</mml:mi>)
  private static final Pattern INLINE_TAG =
      Pattern.compile(
          "(?i)</?(?:(?:[a-z]+:)?(?:i|b|u|em|strong|sup|sub|span|sc|scp|italic|bold|underline|"
              + "monospace|inline-formula|inline-graphic|small|a|tt|font|roman|sans-serif|strike|"
              + "overline|named-content|styled-content|ext-link|xref|abbr|tex-math)|mml:[a-z]+)"
              + "(?:\\s[^<>]*)?/?>");
  private static final Pattern JATS_TITLE =
      Pattern.compile("(?is)<(jats:)?title[^>]*>.*?</(jats:)?title>");
  private static final Pattern ENTITY = Pattern.compile("&(#x?[0-9a-fA-F]+|[a-zA-Z]+);");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** Collapses runs of white space (including line breaks) to one space and trims. */
  public static String collapse(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("[\\s\\u00A0]+", " ").strip();
  }

  /**
   * Plain text from a fragment of HTML or JATS XML (Crossref abstracts, titles with {@code <i>}):
   * section titles such as {@code <jats:title>Abstract</jats:title>} dropped, tags removed, the
   * common entities decoded, white space collapsed.
   */
  public static String stripMarkup(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    if (text.indexOf('<') < 0 && text.indexOf('&') < 0) {
      return collapse(text);
    }
    String noTitles = JATS_TITLE.matcher(text).replaceAll(" ");
    // Inline tags (<i>, <sup>, <jats:italic>…) vanish without a trace; block tags separate words.
    String noInline = INLINE_TAG.matcher(noTitles).replaceAll("");
    String noTags = TAG.matcher(noInline).replaceAll(" ");
    return collapse(decodeEntities(noTags));
  }

  /** Decodes numeric entities and the five XML entities plus {@code &nbsp;}. */
  public static String decodeEntities(String text) {
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String replacement;
      if (name.startsWith("#x") || name.startsWith("#X")) {
        replacement = codePoint(name.substring(2), 16, m.group());
      } else if (name.startsWith("#")) {
        replacement = codePoint(name.substring(1), 10, m.group());
      } else {
        replacement =
            switch (name) {
              case "amp" -> "&";
              case "lt" -> "<";
              case "gt" -> ">";
              case "quot" -> "\"";
              case "apos" -> "'";
              case "nbsp" -> " ";
              default -> m.group();
            };
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String codePoint(String digits, int radix, String original) {
    try {
      int cp = Integer.parseInt(digits, radix);
      return Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : original;
    } catch (NumberFormatException e) {
      return original;
    }
  }

  /** {@code text} without accents: {@code Müller} becomes {@code Muller}. */
  public static String stripAccents(String text) {
    String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD);
    return MARKS.matcher(decomposed).replaceAll("").replace("ß", "ss").replace("ø", "o");
  }

  /**
   * A title reduced to what identifies it: accents stripped, lower case, only letters and digits,
   * single spaces. "Attention Is All You Need!" and "attention is all you need" give the same key.
   */
  public static String titleKey(String title) {
    String plain = stripAccents(stripMarkup(title)).toLowerCase(Locale.ROOT);
    return plain.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** At most {@code max} characters of {@code text}, cut at a word boundary with an ellipsis. */
  public static String snippet(String text, int max) {
    String clean = collapse(text);
    if (clean.length() <= max) {
      return clean;
    }
    int cut = clean.lastIndexOf(' ', max - 1);
    if (cut < max / 2) {
      cut = max - 1;
    }
    return clean.substring(0, cut).strip() + "…";
  }
}
