package dev.researcher4j.core.trajectory.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What an export did.
 *
 * @param output the file written
 * @param files trajectory files read
 * @param exported trajectories that gave rows
 * @param filteredOut trajectories the filter left out (unfinished runs included)
 * @param rows rows written
 * @param unreadable files that could not be read as trajectories, each as {@code path: why}
 */
public record ExportSummary(
    Path output, int files, int exported, int filteredOut, int rows, List<String> unreadable) {

  /** Checks the fields. */
  public ExportSummary {
    Objects.requireNonNull(output, "output is required, but was null");
    unreadable = List.copyOf(unreadable);
  }
}
