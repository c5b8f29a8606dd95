package dev.researcher4j.tools.web.read.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of a robots.txt file that apply to one user-agent token, read as RFC 9309 says: the
 * group naming the token (case-insensitively) applies, else the {@code *} group; the longest
 * matching {@code Allow} or {@code Disallow} path wins, {@code Allow} on a tie; {@code *} matches
 * any characters and a final {@code $} anchors the end. Immutable.
 */
public final class RobotsRules {

  /** Rules that allow everything (no robots.txt, or a 4xx answer for it). */
  public static final RobotsRules ALLOW_ALL = new RobotsRules(List.of(), false);

  /** Rules that disallow everything (robots.txt unreachable or answering 5xx). */
  public static final RobotsRules DISALLOW_ALL = new RobotsRules(List.of(), true);

  private record Rule(String pattern, boolean allow) {}

  private final List<Rule> rules;
  private final boolean disallowAll;

  private RobotsRules(List<Rule> rules, boolean disallowAll) {
    this.rules = List.copyOf(rules);
    this.disallowAll = disallowAll;
  }

  /** Parses {@code content} for the product token {@code agent} (e.g. {@code researcher4j}). */
  public static RobotsRules parse(String content, String agent) {
    String token = agent.toLowerCase(Locale.ROOT);
    List<Rule> mine = new ArrayList<>();
    List<Rule> star = new ArrayList<>();
    boolean foundMine = false;
    List<String> groupAgents = new ArrayList<>();
    boolean inRules = false;
    List<List<Rule>> targets = new ArrayList<>();
    for (String rawLine : content.split("\r\n|\r|\n")) {
      int hash = rawLine.indexOf('#');
      String line = (hash >= 0 ? rawLine.substring(0, hash) : rawLine).strip();
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (key.equals("user-agent")) {
        if (inRules) {
          groupAgents.clear();
          targets.clear();
          inRules = false;
        }
        String ua = value.toLowerCase(Locale.ROOT);
        groupAgents.add(ua);
        if (ua.equals("*")) {
          targets.add(star);
        } else if (ua.equals(token) || ua.startsWith(token + "/")) {
          targets.add(mine);
          foundMine = true;
        }
      } else if (key.equals("allow") || key.equals("disallow")) {
        inRules = true;
        if (groupAgents.isEmpty()) {
          continue; // rules before any user-agent line belong to no group
        }
        if (value.isEmpty()) {
          continue; // "Disallow:" with no path allows everything
        }
        Rule rule = new Rule(value, key.equals("allow"));
        for (List<Rule> target : targets) {
          target.add(rule);
        }
      }
    }
    return new RobotsRules(foundMine ? mine : star, false);
  }

  /** Whether {@code pathAndQuery} (starting with {@code /}) may be fetched. */
  public boolean allows(String pathAndQuery) {
    if (disallowAll) {
      return false;
    }
    Rule best = null;
    for (Rule rule : rules) {
      if (matches(rule.pattern(), pathAndQuery)
          && (best == null
              || rule.pattern().length() > best.pattern().length()
              || (rule.pattern().length() == best.pattern().length() && rule.allow()))) {
        best = rule;
      }
    }
    return best == null || best.allow();
  }

  static boolean matches(String pattern, String path) {
    boolean anchored = pattern.endsWith("$");
    String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
    return match(p, 0, path, 0, anchored);
  }

  private static boolean match(String p, int pi, String s, int si, boolean anchored) {
    while (pi < p.length()) {
      char c = p.charAt(pi);
      if (c == '*') {
        for (int k = si; k <= s.length(); k++) {
          if (match(p, pi + 1, s, k, anchored)) {
            return true;
          }
        }
        return false;
      }
      if (si >= s.length() || s.charAt(si) != c) {
        return false;
      }
      pi++;
      si++;
    }
    return !anchored || si == s.length();
  }
}
