package dev.researcher4j.tools.web.extract.internal;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/**
 * What an element's class and id suggest about it. Names are split into words at punctuation and
 * camel case ({@code storyBody} → story, body) so that {@code article-comments} and {@code
 * commentList} both read as comments, without matching words merely containing the letters.
 */
final class Hints {

  /** Words that mark page furniture: navigation, sharing, ads, comments, banners and so on. */
  static final Set<String> BOILERPLATE =
      Set.of(
          "comment",
          "comments",
          "disqus",
          "respond",
          "reply",
          "replies",
          "cookie",
          "cookies",
          "consent",
          "gdpr",
          "banner",
          "share",
          "sharing",
          "sharetools",
          "social",
          "socialmedia",
          "related",
          "recommended",
          "recommendations",
          "promo",
          "promotion",
          "advert",
          "advertisement",
          "advertising",
          "ad",
          "ads",
          "adsense",
          "adslot",
          "sponsor",
          "sponsored",
          "newsletter",
          "subscribe",
          "subscription",
          "signup",
          "popup",
          "modal",
          "sidebar",
          "breadcrumb",
          "breadcrumbs",
          "footer",
          "masthead",
          "menu",
          "navbar",
          "nav",
          "navigation",
          "pagination",
          "pager",
          "toolbar",
          "widget",
          "outbrain",
          "taboola",
          "trending",
          "popular",
          "mostread",
          "rss",
          "print",
          "email",
          "byline",
          "caption",
          "credit",
          "credits",
          "dateline",
          "timestamp",
          "skip",
          "login",
          "signin",
          "search",
          "tools",
          "tags",
          "tag",
          "topics",
          "keywords",
          "aside",
          "rail",
          "tout",
          "teaser",
          "teasers",
          "ugc",
          "utility",
          "links",
          "linklist",
          "more",
          "extra",
          "jump",
          "hidden",
          "dialog",
          "alert");

  /** Furniture words so telling that a content word beside them does not save the element. */
  static final Set<String> STRONG_BOILERPLATE =
      Set.of(
          "comment",
          "comments",
          "disqus",
          "cookie",
          "cookies",
          "consent",
          "gdpr",
          "share",
          "sharing",
          "sharetools",
          "social",
          "related",
          "newsletter",
          "sponsor",
          "sponsored",
          "advert",
          "advertisement",
          "advertising",
          "ad",
          "ads",
          "adsense",
          "adslot",
          "outbrain",
          "taboola",
          "promo",
          "breadcrumb",
          "breadcrumbs",
          "byline",
          "caption",
          "footer",
          "nav",
          "navbar",
          "navigation",
          "sidebar",
          "popup",
          "modal",
          "masthead");

  /**
   * Furniture that is short by nature (a byline, a caption, a credit line): an element so named
   * that holds paragraphs of text is misnamed markup around the article (a CMS glitch), not
   * furniture.
   */
  static final Set<String> SHORT_FURNITURE =
      Set.of("byline", "caption", "credit", "credits", "dateline", "timestamp");

  /** Words that mark the main content. */
  static final Set<String> CONTENT =
      Set.of(
          "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry",
          "prose", "copy", "cuerpo", "texte", "contenu", "artikel", "inhalt", "noticia");

  private Hints() {}

  /**
   * Words after which the rest of a class name is a value, not a role: {@code
   * category-social-media} and {@code tag-comments} (WordPress, Typepad and most CMSs put the
   * post's categories and tags into its classes) say nothing about what the element is.
   */
  static final Set<String> TAXONOMY = Set.of("category", "tag", "author", "topic", "label");

  /** The lower-case words of the element's class and id. */
  static Set<String> words(Element e) {
    Set<String> words = new HashSet<>();
    String classes = e.className();
    int start = 0;
    for (int i = 0; i <= classes.length(); i++) {
      if (i == classes.length() || Character.isWhitespace(classes.charAt(i))) {
        if (i > start) {
          split(classes.substring(start, i), words);
        }
        start = i + 1;
      }
    }
    split(e.id(), words);
    return words;
  }

  /** Adds the words of one class name or id, stopping after a taxonomy word. */
  private static void split(String name, Set<String> into) {
    if (name.isEmpty()) {
      return;
    }
    StringBuilder word = new StringBuilder();
    char previous = ' ';
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean boundary = !Character.isLetterOrDigit(c);
      boolean camel = Character.isUpperCase(c) && Character.isLowerCase(previous);
      if ((boundary || camel || Character.isDigit(c) != Character.isDigit(previous))
          && word.length() > 0) {
        String w = word.toString().toLowerCase(Locale.ROOT);
        into.add(w);
        word.setLength(0);
        if (TAXONOMY.contains(w) && boundary) {
          return;
        }
      }
      if (!boundary) {
        word.append(c);
      }
      previous = c;
    }
    if (word.length() > 0) {
      into.add(word.toString().toLowerCase(Locale.ROOT));
    }
  }

  /** Whether every furniture word among {@code words} names furniture that is short by nature. */
  static boolean onlyShortFurniture(Set<String> words) {
    boolean any = false;
    for (String w : words) {
      if (BOILERPLATE.contains(w) || STRONG_BOILERPLATE.contains(w)) {
        if (!SHORT_FURNITURE.contains(w)) {
          return false;
        }
        any = true;
      }
    }
    return any;
  }

  /** Whether the words say "furniture": a telling furniture word, or one with no content word. */
  static boolean looksLikeBoilerplate(Set<String> words) {
    boolean bad = false;
    boolean good = false;
    for (String w : words) {
      if (STRONG_BOILERPLATE.contains(w)) {
        return true;
      }
      bad |= BOILERPLATE.contains(w);
      good |= CONTENT.contains(w);
    }
    return bad && !good;
  }

  /** +25 for content words, -25 for furniture words (each at most once), as a score nudge. */
  static int weight(Set<String> words) {
    int weight = 0;
    boolean good = false;
    boolean bad = false;
    for (String w : words) {
      good |= CONTENT.contains(w);
      bad |= BOILERPLATE.contains(w);
    }
    if (good) {
      weight += 25;
    }
    if (bad) {
      weight -= 25;
    }
    return weight;
  }
}
