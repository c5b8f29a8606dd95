package dev.researcher4j.core.internal.cite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds source-id citations ({@code [S3]}, {@code [S3, S7]}, {@code [S3][S7]}) in text. */
public final class SourceIds {
  private SourceIds() {}

  /** A citation marker: brackets holding one or more ids separated by commas or semicolons. */
  public static final Pattern MARKER =
      Pattern.compile("\\[\\s*([Ss]\\d+(?:\\s*[,;]\\s*[Ss]?\\d+)*)\\s*]");

  private static final Pattern ID = Pattern.compile("[Ss]?(\\d+)");

  /** The distinct ids cited in {@code text}, in order of first appearance, as {@code S<n>}. */
  public static List<String> find(String text) {
    Set<String> ids = new LinkedHashSet<>();
    Matcher marker = MARKER.matcher(text);
    while (marker.find()) {
      ids.addAll(idsIn(marker.group(1)));
    }
    return new ArrayList<>(ids);
  }

  /** The ids in one marker's inner text ({@code S3, S7} or {@code S3; 7}). */
  public static List<String> idsIn(String inner) {
    List<String> ids = new ArrayList<>();
    Matcher id = ID.matcher(inner);
    while (id.find()) {
      ids.add("S" + Integer.parseInt(id.group(1)));
    }
    return ids;
  }

  /** Whether {@code id} looks like a source id. */
  public static boolean isId(String id) {
    return id.toUpperCase(Locale.ROOT).matches("S\\d+");
  }
}
