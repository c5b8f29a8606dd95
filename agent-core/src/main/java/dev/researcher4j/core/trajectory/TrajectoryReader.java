package dev.researcher4j.core.trajectory;

import dev.researcher4j.api.Trajectory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a JSONL trajectory file (see {@link TrajectoryCodec} for the format) back into a {@link
 * Trajectory}.
 *
 * <p>A file cut short by a crash is read up to its last complete line: a last line that is not
 * valid JSON is taken as half-written and ignored. An invalid line anywhere else means the file is
 * damaged and fails the read. A file without a footer yields a trajectory without an outcome.
 *
 * <p>Stateless and thread-safe.
 */
public final class TrajectoryReader {
  private TrajectoryReader() {}

  private static final Logger LOG = LoggerFactory.getLogger(TrajectoryReader.class);

  /**
   * Reads the trajectory in {@code file}.
   *
   * @throws IOException if the file cannot be read, has no header, or has an invalid line before
   *     its last one (the message names the line)
   */
  public static Trajectory read(Path file) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader, file.toString());
    }
  }

  /**
   * Reads a trajectory from {@code reader} (which the caller closes).
   *
   * @param name names the input in error messages
   */
  public static Trajectory read(Reader reader, String name) throws IOException {
    BufferedReader lines =
        reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
    List<String> all = new ArrayList<>();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      all.add(line);
    }
    int last = all.size() - 1;
    while (last >= 0 && all.get(last).isBlank()) {
      last--;
    }
    TrajectoryCodec.Decoder decoder = TrajectoryCodec.newDecoder();
    for (int i = 0; i <= last; i++) {
      try {
        decoder.accept(all.get(i));
      } catch (IllegalArgumentException e) {
        if (i == last && decoder.hasHeader()) {
          LOG.debug("{}: ignoring half-written last line {}: {}", name, i + 1, e.getMessage());
          break;
        }
        throw new IOException(
            name + ": line " + (i + 1) + " is not a valid trajectory line: " + e.getMessage(), e);
      }
    }
    if (!decoder.hasHeader()) {
      throw new IOException(name + ": no trajectory header (is the file empty?)");
    }
    return decoder.trajectory();
  }
}
