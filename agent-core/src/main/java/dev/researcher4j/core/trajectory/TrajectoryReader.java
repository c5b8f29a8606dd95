package dev.researcher4j.core.trajectory;

import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.internal.trajectory.TrajectoryScan;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a JSONL trajectory file (see {@link TrajectoryCodec} for the format) into a {@link
 * Trajectory}, validating it as {@link TrajectoryValidator} does.
 *
 * <p>A file cut short by a crash is read up to its last complete line: a last line that is not
 * valid JSON is taken as half-written and ignored. Any other problem — a damaged line anywhere
 * else, a missing required field, a wrong type or enum value, a different major version — fails the
 * read with a {@link TrajectoryFormatException} naming the line and field. A file without a footer
 * yields a trajectory without an outcome (an unfinished run, which {@code ResearchAgent.resume} can
 * continue). Files of a newer minor version load, their unknown fields and line types ignored.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrajectoryReader {
  private TrajectoryReader() {}

  private static final Logger LOG = LoggerFactory.getLogger(TrajectoryReader.class);

  /**
   * Reads the trajectory in {@code file}.
   *
   * @throws TrajectoryFormatException if the file is not a valid trajectory (the message names the
   *     line, field and what was expected)
   * @throws IOException if the file cannot be read
   */
  public static Trajectory read(Path file) throws IOException {
    Objects.requireNonNull(file, "file is required, but was null");
    return read(Files.readAllBytes(file), file.toString());
  }

  /**
   * Reads a trajectory from {@code reader} (which the caller closes).
   *
   * @param name names the input in error messages
   * @throws TrajectoryFormatException if the input is not a valid trajectory
   */
  public static Trajectory read(Reader reader, String name) throws IOException {
    StringWriter text = new StringWriter();
    reader.transferTo(text);
    return read(text.toString().getBytes(StandardCharsets.UTF_8), name);
  }

  /**
   * Reads a trajectory from a file's bytes.
   *
   * @param name names the input in error messages
   * @throws TrajectoryFormatException if the input is not a valid trajectory
   */
  public static Trajectory read(byte[] content, String name) throws TrajectoryFormatException {
    TrajectoryScan.Result scan = TrajectoryScan.scan(content);
    if (!scan.isValid()) {
      throw new TrajectoryFormatException(name, scan.errors());
    }
    scan.warnings().forEach(w -> LOG.debug("{}: {}", name, w));
    return scan.trajectory().orElseThrow();
  }
}
