package dev.researcher4j.tools.web.extract.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;

/**
 * Renders content elements as blocks of readable text: one block per paragraph, heading, list item,
 * quote, code block or table, each both as plain text and as Markdown. Not thread-safe; make one
 * per rendering.
 */
public final class BlockRenderer {

  /** What a block is. */
  public enum Kind {
    /** A paragraph of running text. */
    PARAGRAPH,
    /** A heading. */
    HEADING,
    /** A list item. */
    LIST_ITEM,
    /** A quotation. */
    QUOTE,
    /** Preformatted text. */
    CODE,
    /** A data table. */
    TABLE
  }

  /**
   * One block.
   *
   * @param kind what it is
   * @param text plain text
   * @param markdown the same as Markdown
   */
  public record Block(Kind kind, String text, String markdown) {}

  private final List<Block> blocks = new ArrayList<>();
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder markdown = new StringBuilder();
  private Kind kind = Kind.PARAGRAPH;
  private String prefix = "";
  private int listDepth;
  // counts flushes, so an inline wrapper can tell that a block inside it ended the block it began
  // in
  private int flushes;

  private BlockRenderer() {}

  /** The blocks of {@code parts}, in order. */
  public static List<Block> render(List<Element> parts) {
    BlockRenderer r = new BlockRenderer();
    for (Element part : parts) {
      r.element(part);
      r.flush();
    }
    return List.copyOf(r.blocks);
  }

  private void node(Node node) {
    if (node instanceof TextNode t) {
      String s = t.getWholeText();
      if (kind == Kind.CODE) {
        text.append(s);
        markdown.append(s);
      } else {
        // zero-width characters and stray byte order marks carry no text
        String collapsed = collapse(s);
        text.append(collapsed);
        markdown.append(escape(collapsed));
      }
    } else if (node instanceof Element e) {
      element(e);
    }
  }

  private void element(Element e) {
    String name = e.normalName();
    switch (name) {
      case "br" -> {
        text.append('\n');
        markdown.append(kind == Kind.CODE ? "\n" : "  \n");
      }
      case "h1", "h2", "h3", "h4", "h5", "h6" ->
          block(e, Kind.HEADING, "#".repeat(name.charAt(1) - '0') + " ");
      case "p", "dt", "dd", "summary", "address", "figcaption", "caption" ->
          block(e, Kind.PARAGRAPH, "");
      case "blockquote" -> block(e, Kind.QUOTE, "> ");
      case "pre" -> block(e, Kind.CODE, "");
      case "li" -> {
        boolean ordered = e.parent() != null && e.parent().nameIs("ol");
        String marker = ordered ? (e.elementSiblingIndex() + 1) + ". " : "- ";
        block(e, Kind.LIST_ITEM, "  ".repeat(Math.max(0, listDepth - 1)) + marker);
      }
      case "ul", "ol", "menu" -> {
        flush();
        listDepth++;
        children(e);
        listDepth--;
        flush();
      }
      case "table" -> table(e);
      case "hr" -> flush();
      case "a" -> link(e);
      case "strong", "b" -> inline(e, "**");
      case "em", "i" -> inline(e, "*");
      case "code", "kbd", "samp" -> {
        if (kind == Kind.CODE) {
          children(e);
        } else {
          inline(e, "`");
        }
      }
      default -> {
        if (Html.isBlock(e)) {
          flush();
          children(e);
          flush();
        } else {
          children(e);
        }
      }
    }
  }

  private void block(Element e, Kind blockKind, String blockPrefix) {
    if (kind != Kind.PARAGRAPH || !prefix.isEmpty()) {
      // a block inside a list item, quote or heading: keep it in the enclosing block
      if (kind == Kind.LIST_ITEM || kind == Kind.QUOTE) {
        text.append(' ');
        markdown.append(' ');
        children(e);
        return;
      }
    }
    flush();
    kind = blockKind;
    prefix = blockPrefix;
    children(e);
    flush();
  }

  private void children(Element e) {
    for (Node child : e.childNodes()) {
      node(child);
    }
  }

  private void inline(Element e, String mark) {
    String before = e.text();
    if (before.isBlank() || kind == Kind.CODE || kind == Kind.HEADING) {
      children(e);
      return;
    }
    int start = markdown.length();
    int flushesBefore = flushes;
    children(e);
    if (flushes != flushesBefore) {
      // a block inside the inline element (<b><div>…</div></b>) flushed what came before: the
      // emphasis cannot span blocks, so its text stays plain
      return;
    }
    String inner = markdown.substring(start);
    String trimmed = inner.strip();
    if (!trimmed.isEmpty()) {
      markdown.setLength(start);
      int lead = inner.indexOf(trimmed);
      markdown
          .append(inner, 0, lead)
          .append(mark)
          .append(trimmed)
          .append(mark)
          .append(inner.substring(lead + trimmed.length()));
    }
  }

  private void link(Element e) {
    String href = e.absUrl("href");
    int start = markdown.length();
    int flushesBefore = flushes;
    children(e);
    if (flushes != flushesBefore) {
      return; // the link holds blocks: keep their text, not a link across them
    }
    String inner = markdown.substring(start).strip();
    if (!inner.isEmpty() && href.toLowerCase(Locale.ROOT).startsWith("http") && kind != Kind.CODE) {
      String original = markdown.substring(start);
      markdown.setLength(start);
      if (original.startsWith(" ")) {
        markdown.append(' ');
      }
      markdown.append('[').append(inner).append("](").append(href.replace(")", "%29")).append(')');
      if (original.endsWith(" ") && original.length() > 1) {
        markdown.append(' ');
      }
    }
  }

  private void table(Element table) {
    if (!isDataTable(table)) {
      flush();
      children(table);
      flush();
      return;
    }
    flush();
    List<List<String>> rows = new ArrayList<>();
    for (Element row : table.select("tr")) {
      if (row.closest("table") != table) {
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (Element cell : row.children()) {
        if (cell.nameIs("td") || cell.nameIs("th")) {
          cells.add(cell.text().strip());
        }
      }
      if (cells.stream().anyMatch(c -> !c.isEmpty())) {
        rows.add(cells);
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    int columns = rows.stream().mapToInt(List::size).max().orElse(1);
    StringBuilder t = new StringBuilder();
    StringBuilder m = new StringBuilder();
    for (int r = 0; r < rows.size(); r++) {
      List<String> cells = rows.get(r);
      t.append(String.join(" | ", cells)).append('\n');
      m.append('|');
      for (int c = 0; c < columns; c++) {
        m.append(' ').append(c < cells.size() ? cells.get(c).replace("|", "\\|") : "").append(" |");
      }
      m.append('\n');
      if (r == 0) {
        m.append("|").append(" --- |".repeat(columns)).append('\n');
      }
    }
    blocks.add(new Block(Kind.TABLE, t.toString().strip(), m.toString().strip()));
  }

  /** A table of data (rows and columns of short cells), not one used to lay out a page. */
  private static boolean isDataTable(Element table) {
    if (!table.select("table table").isEmpty()) {
      return false;
    }
    Elements rows = table.select("tr");
    if (rows.isEmpty()) {
      return false;
    }
    int cells = 0;
    int maxColumns = 0;
    for (Element row : rows) {
      int n = row.select("> td, > th").size();
      cells += n;
      maxColumns = Math.max(maxColumns, n);
    }
    if (maxColumns < 2 || cells == 0) {
      return false;
    }
    if (!table.select("p, div p, ul, ol, h1, h2, h3, blockquote").isEmpty()) {
      return false;
    }
    return table.text().length() / cells < 120;
  }

  private void flush() {
    String t = tidy(text.toString());
    String m = tidy(markdown.toString());
    if (!t.isEmpty()) {
      if (kind == Kind.CODE) {
        blocks.add(new Block(kind, t, "```\n" + text.toString().strip() + "\n```"));
      } else if (kind == Kind.QUOTE) {
        blocks.add(new Block(kind, t, "> " + m.replace("\n", "\n> ")));
      } else {
        blocks.add(new Block(kind, kind == Kind.LIST_ITEM ? "- " + t : t, prefix + m));
      }
    }
    text.setLength(0);
    markdown.setLength(0);
    flushes++;
    kind = Kind.PARAGRAPH;
    prefix = "";
  }

  /**
   * Runs of white space (and no-break spaces) as one space, zero-width spaces and stray byte order
   * marks dropped: one pass, no regular expression (this runs once per text node).
   */
  static String collapse(String s) {
    StringBuilder out = null;
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean white = c == ' ' || c == '\u00a0' || Character.isWhitespace(c);
      boolean drop = c == '\u200b' || c == '\ufeff';
      boolean same = !drop && (!white || (c == ' ' && !space));
      if (out == null && !same) {
        out = new StringBuilder(s.length());
        out.append(s, 0, i);
      }
      if (drop) {
        continue;
      }
      if (white) {
        if (!space && out != null) {
          out.append(' ');
        }
        space = true;
      } else {
        if (out != null) {
          out.append(c);
        }
        space = false;
      }
    }
    return out == null ? s : out.toString();
  }

  private static String tidy(String s) {
    StringBuilder out = new StringBuilder();
    for (String line : s.split("\n", -1)) {
      String l = line.strip();
      if (!l.isEmpty()) {
        if (out.length() > 0) {
          out.append('\n');
        }
        out.append(l);
      }
    }
    return out.toString();
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
