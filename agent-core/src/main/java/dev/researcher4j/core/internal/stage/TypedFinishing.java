package dev.researcher4j.core.internal.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.Citation;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Warning;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import dev.researcher4j.core.internal.loop.DraftCheck;
import dev.researcher4j.core.internal.structured.SourcedJson;
import dev.researcher4j.core.internal.structured.TypedReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finishes a typed answer (a task with an output schema): every field that holds a value is a
 * claim; a field the verifier found unsupported, that cites a source the run never saw, that cites
 * nothing, or that nobody could check is flagged in its object's {@code _flags} (never silently
 * kept), and {@code _sources} keeps only ids the run knows. The answer is that JSON; the report
 * shows it as tables. Pure.
 */
final class TypedFinishing {
  private TypedFinishing() {}

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** Why a field with no sources is flagged. */
  static final String NO_SOURCE = "cites no source";

  /** The answer, report, sources and citations of a checked typed draft; warnings are added. */
  record Result(String answer, String report, List<Source> sources, List<Citation> citations) {}

  static Result finish(DraftCheck.Checked checked, SourceRegistry sources, List<Warning> warnings) {
    JsonNode answer;
    try {
      answer = JSON.readTree(checked.draft().body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a typed draft holds JSON the loop read", e);
    }
    Map<String, List<Citation>> citationsByClaim = new LinkedHashMap<>();
    for (Citation citation : checked.citations()) {
      citationsByClaim.computeIfAbsent(citation.claim(), c -> new ArrayList<>()).add(citation);
    }
    Map<String, String> flags = new LinkedHashMap<>();
    List<Citation> citations = new ArrayList<>();
    Set<String> cited = new LinkedHashSet<>();
    int unsupported = 0;
    int unverified = 0;
    List<SourcedJson.Field> fields = SourcedJson.fields(answer);
    for (SourcedJson.Field field : fields) {
      if (field.sourceIds().isEmpty()) {
        flags.put(field.pointer(), NO_SOURCE);
        citations.add(new Citation("", field.claim(), Citation.Support.UNSUPPORTED, NO_SOURCE));
        unsupported++;
        continue;
      }
      List<Citation> own =
          citationsByClaim.getOrDefault(DraftCheck.display(field.claim()), List.of());
      citations.addAll(own);
      own.stream()
          .map(Citation::sourceId)
          .filter(id -> sources.byId(id).isPresent())
          .forEach(cited::add);
      String bad = checked.bad().get(field.claim());
      String unchecked = checked.unverified().get(field.claim());
      if (bad != null) {
        flags.put(field.pointer(), bad + note(own));
        unsupported++;
      } else if (unchecked != null) {
        if (!unchecked.equals(DraftCheck.VERIFICATION_OFF)) {
          flags.put(field.pointer(), "not verified: " + unchecked);
        }
        unverified++;
      }
    }
    JsonNode rebuilt = SourcedJson.rebuilt(answer, id -> sources.byId(id).isPresent(), flags);
    List<Source> list =
        cited.stream()
            .map(sources::byId)
            .flatMap(Optional::stream)
            .sorted(Comparator.comparingInt(s -> Integer.parseInt(s.id().substring(1))))
            .toList();
    String report = TypedReport.markdown(rebuilt);
    if (!list.isEmpty()) {
      report = report + "\n\n" + DraftCheck.sourceList(list);
    }
    if (unsupported > 0) {
      warnings.add(
          new Warning(
              Warning.Kind.UNSUPPORTED_CLAIMS,
              unsupported
                  + " of "
                  + fields.size()
                  + " fields are not supported by the sources they cite, or cite none (flagged in"
                  + " _flags)."));
    }
    if (unverified > 0) {
      warnings.add(
          new Warning(
              Warning.Kind.UNVERIFIED_CLAIMS,
              unverified
                  + " of "
                  + fields.size()
                  + " fields not verified ("
                  + checked.unverifiedReason()
                  + ")."));
    }
    return new Result(rebuilt.toString(), report, list, List.copyOf(citations));
  }

  /** The verifier's note on an unsupported field, or the ids it cites that the run never saw. */
  private static String note(List<Citation> citations) {
    List<String> unknown =
        citations.stream()
            .filter(c -> c.support() == Citation.Support.UNKNOWN_SOURCE)
            .map(Citation::sourceId)
            .toList();
    if (!unknown.isEmpty()) {
      return " (" + String.join(", ", unknown) + ")";
    }
    return citations.stream()
        .filter(c -> c.support() == Citation.Support.UNSUPPORTED && !c.note().isBlank())
        .map(c -> ": " + c.note())
        .findFirst()
        .orElse("");
  }
}
