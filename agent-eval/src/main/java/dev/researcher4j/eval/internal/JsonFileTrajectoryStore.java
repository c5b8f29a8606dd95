package dev.researcher4j.eval.internal;

import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.trajectory.TrajectoryCodec;
import dev.researcher4j.core.trajectory.TrajectoryReader;
import dev.researcher4j.eval.TrajectoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One trajectory file per attempt under {@code root/trajectories/}, in the {@code
 * researcher4j.trajectory/v1} JSONL format ({@link TrajectoryCodec}), so the files are the same as
 * a run's own and every trajectory tool (reader, validator, export, HTML view) reads them. Files
 * saved by earlier versions as one Jackson JSON document ({@code .json}) still load. Thread-safe.
 */
public final class JsonFileTrajectoryStore implements TrajectoryStore {

  static final String DIRECTORY = "trajectories";

  private final Path root;

  /** A store under {@code root}. */
  public JsonFileTrajectoryStore(Path root) {
    this.root = Objects.requireNonNull(root, "root is required, but was null").toAbsolutePath();
  }

  @Override
  public String save(Trajectory trajectory) {
    String name =
        safeName(trajectory.header().task().groupId())
            + ".a"
            + trajectory.header().task().attempt()
            + ".jsonl";
    Path dir = root.resolve(DIRECTORY);
    Path target = dir.resolve(name);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, ".tmp-", ".jsonl");
      try {
        Files.write(temp, lines(trajectory), StandardCharsets.UTF_8);
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save trajectory " + target + ": " + e.getMessage(), e);
    }
    return DIRECTORY + "/" + name;
  }

  @Override
  public Trajectory load(String location) {
    Objects.requireNonNull(location, "location is required, but was null");
    Path file = root.resolve(location).normalize();
    if (location.isBlank() || !file.startsWith(root)) {
      throw new IllegalArgumentException("not a location of this store: '" + location + "'");
    }
    try {
      if (file.getFileName().toString().endsWith(".json")) {
        return EvalJson.RECORDS.readValue(file.toFile(), Trajectory.class);
      }
      return TrajectoryReader.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load trajectory " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The file's lines. The footer's end time is not part of a {@link Trajectory}; the start plus the
   * elapsed time stands in for it.
   */
  private static List<String> lines(Trajectory trajectory) {
    Instant end = trajectory.header().startedAt().plus(trajectory.totals().elapsed());
    return TrajectoryCodec.encode(trajectory, end);
  }

  /**
   * A file name for an id: letters, digits, {@code . _ -} kept, anything else replaced, and a hash
   * added when something was replaced so that {@code a/b} and {@code a_b} stay apart.
   */
  static String safeName(String id) {
    String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
    if (safe.startsWith(".")) {
      safe = "_" + safe.substring(1);
    }
    if (safe.length() > 80) {
      safe = safe.substring(0, 80);
    }
    return safe.equals(id) ? safe : safe + "-" + EvalJson.sha256(id).substring(0, 8);
  }

  @Override
  public String toString() {
    return "JsonFileTrajectoryStore{" + root + "}";
  }
}
