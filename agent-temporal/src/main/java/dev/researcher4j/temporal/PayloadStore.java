package dev.researcher4j.temporal;

import java.nio.file.Path;

/**
 * Where payloads too large for a workflow's history are kept, by key: a large tool result, a long
 * conversation sent to the model. Temporal limits a payload to about 2 MB and a history to 50 MB;
 * with a store, the history holds a short reference instead ({@link ResearchDataConverter}). The
 * client and every worker must reach the same store: a directory they share ({@link #directory}),
 * or an object store behind your own implementation. Implementations must be thread-safe, and
 * {@link #put} idempotent for equal bytes.
 */
public interface PayloadStore {

  /** Stores {@code bytes} and returns the key to get them back with. */
  String put(byte[] bytes);

  /**
   * The bytes stored under {@code key}.
   *
   * @throws java.io.UncheckedIOException if they cannot be read (the message names the key)
   */
  byte[] get(String key);

  /**
   * A store in {@code directory}: one file per payload, named by its SHA-256 (equal payloads are
   * stored once), written to a temporary name and renamed. Nothing is deleted: remove the files of
   * finished runs with your own retention policy.
   */
  static PayloadStore directory(Path directory) {
    return new dev.researcher4j.temporal.internal.FilePayloadStore(directory);
  }
}
