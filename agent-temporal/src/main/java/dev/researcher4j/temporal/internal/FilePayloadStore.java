package dev.researcher4j.temporal.internal;

import dev.researcher4j.temporal.PayloadStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/** A {@link PayloadStore} in a directory, content-addressed by SHA-256. Thread-safe. */
public final class FilePayloadStore implements PayloadStore {

  private final Path directory;

  /** A store in {@code directory}, created on first use. */
  public FilePayloadStore(Path directory) {
    this.directory = Objects.requireNonNull(directory, "directory is required, but was null");
  }

  @Override
  public String put(byte[] bytes) {
    String key = sha256(bytes);
    Path file = fileOf(key);
    if (Files.exists(file)) {
      return key;
    }
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), key, ".tmp");
      try {
        Files.write(temp, bytes);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file);
        }
      } catch (FileAlreadyExistsException e) {
        // Another process stored the same bytes first.
      } finally {
        Files.deleteIfExists(temp);
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot store a payload in " + directory + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] get(String key) {
    if (!key.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a payload key of this store: " + key);
    }
    try {
      return Files.readAllBytes(fileOf(key));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "payload "
              + key
              + " is not in "
              + directory
              + " (do the client and every worker share this directory?): "
              + e.getMessage(),
          e);
    }
  }

  private Path fileOf(String key) {
    return directory.resolve(key.substring(0, 2)).resolve(key);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
