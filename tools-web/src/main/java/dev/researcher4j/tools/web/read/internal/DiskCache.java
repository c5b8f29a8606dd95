package dev.researcher4j.tools.web.read.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Responses kept on disk between runs, with their validators ({@code ETag}, {@code Last-Modified})
 * so the next fetch can be a conditional request. One {@code <sha256 of url>.json} and {@code
 * .body} pair per URL; written to a temporary file and moved into place so a reader never sees half
 * an entry. A broken entry is treated as missing. Thread-safe.
 */
public final class DiskCache {

  private static final Logger LOG = LoggerFactory.getLogger(DiskCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A cached response.
   *
   * @param url the URL it answered
   * @param contentType its content type
   * @param etag its {@code ETag}, or empty
   * @param lastModified its {@code Last-Modified}, or empty
   * @param body its (decompressed) body
   * @param truncated whether the body was cut at the size limit
   */
  public record Entry(
      String url,
      String contentType,
      String etag,
      String lastModified,
      byte[] body,
      boolean truncated) {}

  private final Path directory;

  /** A cache in {@code directory}, created if missing. */
  public DiskCache(Path directory) {
    this.directory = directory;
  }

  /** The entry for {@code url}, if there is a readable one. */
  public Optional<Entry> get(String url) {
    Path meta = directory.resolve(key(url) + ".json");
    Path body = directory.resolve(key(url) + ".body");
    if (!Files.isRegularFile(meta) || !Files.isRegularFile(body)) {
      return Optional.empty();
    }
    try {
      JsonNode m = JSON.readTree(meta.toFile());
      if (!url.equals(m.path("url").asText())) {
        return Optional.empty();
      }
      return Optional.of(
          new Entry(
              url,
              m.path("contentType").asText(""),
              m.path("etag").asText(""),
              m.path("lastModified").asText(""),
              Files.readAllBytes(body),
              m.path("truncated").asBoolean(false)));
    } catch (IOException e) {
      LOG.debug("ignoring unreadable cache entry for {}: {}", url, e.toString());
      return Optional.empty();
    }
  }

  /** Stores {@code entry}; a failure to write is logged and otherwise ignored. */
  public void put(Entry entry) {
    try {
      Files.createDirectories(directory);
      String key = key(entry.url());
      Path body = Files.createTempFile(directory, key, ".tmp");
      Files.write(body, entry.body());
      Files.move(
          body,
          directory.resolve(key + ".body"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      ObjectNode m = JSON.createObjectNode();
      m.put("url", entry.url());
      m.put("contentType", entry.contentType());
      m.put("etag", entry.etag());
      m.put("lastModified", entry.lastModified());
      m.put("truncated", entry.truncated());
      Path meta = Files.createTempFile(directory, key, ".tmp");
      Files.writeString(meta, JSON.writeValueAsString(m), StandardCharsets.UTF_8);
      Files.move(
          meta,
          directory.resolve(key + ".json"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn("could not cache {} in {}: {}", entry.url(), directory, e.toString());
    }
  }

  private static String key(String url) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(url.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
