package dev.researcher4j.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks output paths before a run, so that a run's results are never computed to be lost. */
final class OutputPaths {
  private OutputPaths() {}

  /**
   * Checks that the file {@code path} (the value of {@code option}) can be written: not a
   * directory, writable if it exists, and its directory exists or can be created. Does nothing for
   * {@code null}.
   *
   * @throws IllegalArgumentException naming the option, the path and what is wrong (usage error)
   */
  static void checkWritable(String option, Path path) {
    if (path == null) {
      return;
    }
    if (Files.isDirectory(path)) {
      throw new IllegalArgumentException(option + " " + path + " is a directory; name a file");
    }
    if (Files.exists(path) && !Files.isWritable(path)) {
      throw new IllegalArgumentException(option + " " + path + " cannot be written (permissions)");
    }
    checkDirectory(option, path, path.toAbsolutePath().getParent());
  }

  /**
   * Checks that the directory {@code dir} exists or can be created: its nearest existing ancestor
   * is a writable directory.
   */
  static void checkDirectory(String option, Path path, Path dir) {
    Path existing = dir;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return;
    }
    if (!Files.isDirectory(existing)) {
      throw new IllegalArgumentException(
          option + " " + path + " cannot be created: " + existing + " is a file, not a directory");
    }
    if (!Files.isWritable(existing)) {
      throw new IllegalArgumentException(
          option + " " + path + " cannot be created: " + existing + " is not writable");
    }
  }
}
