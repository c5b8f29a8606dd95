package dev.researcher4j.eval;

import dev.researcher4j.api.Trajectory;
import dev.researcher4j.eval.internal.JsonFileTrajectoryStore;
import java.nio.file.Path;

/**
 * Where an evaluation keeps each attempt's trajectory (with its grades and reward).
 *
 * <p>{@link #save} returns a location string that {@code results.jsonl} records and {@link #load}
 * understands; what it looks like is up to the store. Saving the same attempt again (same task id
 * and attempt number) replaces the earlier copy. Implementations must be thread-safe.
 */
public interface TrajectoryStore {

  /**
   * Saves a trajectory and says where.
   *
   * @throws java.io.UncheckedIOException if it cannot be saved; the evaluation records the error
   *     against the attempt and goes on
   */
  String save(Trajectory trajectory);

  /**
   * Loads a trajectory saved by this store.
   *
   * @throws java.io.UncheckedIOException if it cannot be read
   * @throws IllegalArgumentException if {@code location} is not one of this store's
   */
  Trajectory load(String location);

  /**
   * A store that writes one trajectory file per attempt under {@code root}{@code /trajectories/},
   * named by item id and attempt ({@code <item>.a<attempt>.jsonl}), in the {@code
   * researcher4j.trajectory/v1} JSONL format that runs record (see {@link
   * dev.researcher4j.core.trajectory.TrajectoryCodec}), grades and reward in its footer; locations
   * are paths relative to {@code root} with {@code /} separators (so a results directory can be
   * moved). Files are written to a temporary name and renamed, so a crash never leaves half a
   * trajectory. A trajectory without an outcome (an agent that returned an unfinished run) is saved
   * without a footer, so without grades or reward; the results line keeps them. Files of earlier
   * versions ({@code .json}, one JSON document) still load.
   */
  static TrajectoryStore jsonFiles(Path root) {
    return new JsonFileTrajectoryStore(root);
  }
}
