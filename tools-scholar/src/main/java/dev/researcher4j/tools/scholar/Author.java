package dev.researcher4j.tools.scholar;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One author of a {@link Paper}.
 *
 * <p>Sources differ in what they give: Crossref and PubMed split given and family names, the others
 * give one display name (split here by a simple rule: the last word, with any lower-case particles
 * such as "van der" before it, is the family name). Fields that are not known are empty strings.
 *
 * @param name the name as the source displays it, never blank
 * @param givenName given names or initials, or empty
 * @param familyName family name, or empty when the name is a single word or an organisation
 * @param orcid the bare ORCID iD ({@code 0000-0002-1825-0097}), or empty
 * @param affiliations institutions as the source names them, in order
 */
public record Author(
    String name, String givenName, String familyName, String orcid, List<String> affiliations) {

  private static final Set<String> PARTICLES =
      Set.of("van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "dos");

  /** Checks and normalises the fields. */
  public Author {
    Objects.requireNonNull(name, "name is required, but was null");
    name = name.strip().replaceAll("\\s+", " ");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("name is required, but was blank");
    }
    givenName = givenName == null ? "" : givenName.strip();
    familyName = familyName == null ? "" : familyName.strip();
    orcid = normaliseOrcid(orcid);
    affiliations =
        affiliations == null
            ? List.of()
            : affiliations.stream()
                .filter(a -> a != null && !a.isBlank())
                .map(String::strip)
                .distinct()
                .toList();
  }

  /** An author known only by a display name, split into given and family names. */
  public static Author of(String name) {
    String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
    String[] words = clean.split(" ");
    if (words.length < 2) {
      return new Author(clean, "", clean, "", List.of());
    }
    int familyStart = words.length - 1;
    while (familyStart > 1 && PARTICLES.contains(words[familyStart - 1].toLowerCase(Locale.ROOT))) {
      familyStart--;
    }
    String given = String.join(" ", List.of(words).subList(0, familyStart));
    String family = String.join(" ", List.of(words).subList(familyStart, words.length));
    return new Author(clean, given, family, "", List.of());
  }

  /** An author with separate given and family names; the display name is "given family". */
  public static Author of(String givenName, String familyName) {
    String given = givenName == null ? "" : givenName.strip();
    String family = familyName == null ? "" : familyName.strip();
    String name = (given + " " + family).strip();
    return new Author(name, given, family, "", List.of());
  }

  /** A copy with this ORCID iD (bare or as an {@code https://orcid.org/} link). */
  public Author withOrcid(String newOrcid) {
    return new Author(name, givenName, familyName, newOrcid, affiliations);
  }

  /** A copy with these affiliations. */
  public Author withAffiliations(List<String> newAffiliations) {
    return new Author(name, givenName, familyName, orcid, newAffiliations);
  }

  /** The family name if known, else the whole name. */
  public String familyOrName() {
    return familyName.isEmpty() ? name : familyName;
  }

  private static String normaliseOrcid(String orcid) {
    if (orcid == null) {
      return "";
    }
    String value = orcid.strip();
    int slash = value.lastIndexOf('/');
    if (slash >= 0) {
      value = value.substring(slash + 1);
    }
    return value.toUpperCase(Locale.ROOT);
  }
}
