package dev.researcher4j.core.internal.trajectory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.trajectory.TrajectoryProblem;
import dev.researcher4j.core.trajectory.TrajectoryResume;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a trajectory file in one pass: splits it into lines (keeping byte offsets, so a resume can
 * cut a half-written last line), checks each line against the shipped JSON Schema and the rules
 * that span lines, and decodes what is valid. The validator, the reader and resume share it.
 * Stateless and thread-safe.
 */
public final class TrajectoryScan {
  private TrajectoryScan() {}

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final SchemaCheck SCHEMA = new SchemaCheck(loadSchema());

  /**
   * What a scan found.
   *
   * @param trajectory the trajectory decoded, when there was a header and no error
   * @param resumes the resume lines, in order
   * @param errors problems that make the file invalid
   * @param warnings things worth knowing that do not (a half-written last line, a newer minor
   *     version, unknown line types)
   * @param keepBytes the length of the file without a half-written last line
   * @param needsNewline whether the last complete line lacks its line break (a crash between the
   *     line and its newline)
   * @param minorVersion the schema's minor version, or -1 without a readable header
   */
  public record Result(
      Optional<Trajectory> trajectory,
      List<TrajectoryResume> resumes,
      List<TrajectoryProblem> errors,
      List<TrajectoryProblem> warnings,
      long keepBytes,
      boolean needsNewline,
      int minorVersion) {

    /** Whether the file has no errors. */
    public boolean isValid() {
      return errors.isEmpty();
    }
  }

  /** The shipped schema as a JSON tree. */
  public static JsonNode schema() {
    return loadSchema();
  }

  /** The schema check of the shipped schema. */
  public static SchemaCheck schemaCheck() {
    return SCHEMA;
  }

  /** Scans a whole file's bytes. */
  public static Result scan(byte[] bytes) {
    List<TrajectoryProblem> errors = new ArrayList<>();
    List<TrajectoryProblem> warnings = new ArrayList<>();
    List<long[]> spans = lines(bytes);
    int last = spans.size() - 1;
    while (last >= 0 && isBlank(bytes, spans.get(last))) {
      last--;
    }
    TrajectoryCodec.Decoder decoder = TrajectoryCodec.newDecoder();
    boolean headerSeen = false;
    boolean footerSeen = false;
    // After a damaged line the rest cannot be decoded reliably (later requests may refer to a lost
    // step), but it is still checked line by line, so one scan reports every damaged line.
    boolean decoding = true;
    int minor = -1;
    long keep = 0;
    boolean needsNewline = false;
    for (int i = 0; i <= last; i++) {
      long[] span = spans.get(i);
      int number = i + 1;
      if (isBlank(bytes, span)) {
        keep = span[2];
        continue;
      }
      String text =
          new String(bytes, (int) span[0], (int) (span[1] - span[0]), StandardCharsets.UTF_8);
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        if (i == last) {
          warnings.add(
              new TrajectoryProblem(
                  number,
                  "",
                  "the last line is incomplete (written when the run stopped?) and is ignored"));
          break;
        }
        errors.add(new TrajectoryProblem(number, "", "not valid JSON: " + e.getOriginalMessage()));
        decoding = false;
        continue;
      }
      keep = span[2];
      needsNewline = span[2] == span[1];
      if (node == null || !node.isObject()) {
        errors.add(
            new TrajectoryProblem(number, "", "expected a JSON object, but was " + kind(node)));
        decoding = false;
        continue;
      }
      JsonNode typeNode = node.get("type");
      if (typeNode == null || !typeNode.isTextual()) {
        errors.add(
            new TrajectoryProblem(
                number,
                "type",
                typeNode == null
                    ? "is required but missing"
                    : "expected a string, but was " + SchemaCheck.show(typeNode)));
        decoding = false;
        continue;
      }
      String type = typeNode.asText();
      if (!headerSeen && !type.equals("header")) {
        errors.add(
            new TrajectoryProblem(
                number, "", "expected the header line first, but found a '" + type + "' line"));
        // Without a header nothing after it can be read.
        break;
      }
      if (type.equals("header")) {
        if (headerSeen) {
          errors.add(new TrajectoryProblem(number, "", "a second header line"));
          continue;
        }
        try {
          minor = TrajectoryCodec.minorVersion(node.path("schema").asText());
        } catch (IllegalArgumentException e) {
          errors.add(new TrajectoryProblem(number, "schema", e.getMessage()));
          break;
        }
        headerSeen = true;
        if (minor > 0) {
          warnings.add(
              new TrajectoryProblem(
                  number,
                  "schema",
                  "written by a newer minor version ("
                      + node.path("schema").asText()
                      + "); fields and line types this reader does not know are ignored"));
        }
      }
      if (!List.of("header", "step", "resume", "footer").contains(type)) {
        warnings.add(
            new TrajectoryProblem(
                number,
                "type",
                "line type '" + type + "' is unknown to this reader (newer version?) and ignored"));
        continue;
      }
      if (footerSeen) {
        errors.add(new TrajectoryProblem(number, "", "a '" + type + "' line after the footer"));
        continue;
      }
      List<SchemaCheck.Violation> violations = SCHEMA.check(node);
      if (!violations.isEmpty()) {
        violations.forEach(v -> errors.add(new TrajectoryProblem(number, v.path(), v.message())));
        decoding = false;
        continue;
      }
      if (!decoding) {
        continue;
      }
      if (type.equals("step") && node.get("index").asInt() != decoder.stepCount()) {
        errors.add(
            new TrajectoryProblem(
                number,
                "index",
                "expected step index "
                    + decoder.stepCount()
                    + " (indexes count from 0 without gaps), but was "
                    + node.get("index").asInt()));
        decoding = false;
        continue;
      }
      if (type.equals("resume") && node.get("steps_kept").asInt() != decoder.stepCount()) {
        errors.add(
            new TrajectoryProblem(
                number,
                "steps_kept",
                "expected "
                    + decoder.stepCount()
                    + " (the steps before this line), but was "
                    + node.get("steps_kept").asInt()));
        decoding = false;
        continue;
      }
      try {
        decoder.accept(node);
      } catch (IllegalArgumentException e) {
        errors.add(new TrajectoryProblem(number, "", e.getMessage()));
        decoding = false;
        continue;
      }
      footerSeen = type.equals("footer");
    }
    if (!decoder.hasHeader() && errors.isEmpty()) {
      errors.add(
          new TrajectoryProblem(
              0,
              "",
              warnings.isEmpty()
                  ? "no trajectory header (is the file empty?)"
                  : "no complete trajectory header: the only line is half-written"));
    }
    Optional<Trajectory> trajectory = Optional.empty();
    if (decoder.hasHeader() && errors.isEmpty()) {
      trajectory = Optional.of(decoder.trajectory());
    }
    return new Result(
        trajectory,
        decoder.hasHeader() ? decoder.resumes() : List.of(),
        List.copyOf(errors),
        List.copyOf(warnings),
        keep,
        needsNewline,
        minor);
  }

  /** Line spans as {start, end without line break, end with it}. */
  private static List<long[]> lines(byte[] bytes) {
    List<long[]> spans = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        spans.add(new long[] {start, end, i + 1L});
        start = i + 1;
      }
    }
    if (start < bytes.length) {
      spans.add(new long[] {start, bytes.length, bytes.length});
    }
    return spans;
  }

  private static boolean isBlank(byte[] bytes, long[] span) {
    for (long i = span[0]; i < span[1]; i++) {
      byte b = bytes[(int) i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String kind(JsonNode node) {
    return node == null ? "nothing" : SchemaCheck.show(node);
  }

  private static JsonNode loadSchema() {
    try (InputStream in =
        TrajectoryCodec.class.getResourceAsStream(TrajectoryCodec.SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the trajectory schema "
                + TrajectoryCodec.SCHEMA_RESOURCE
                + " is missing from the jar");
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the trajectory schema", e);
    }
  }
}
