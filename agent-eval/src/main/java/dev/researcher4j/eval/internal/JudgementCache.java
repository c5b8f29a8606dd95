package dev.researcher4j.eval.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Grade;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judgements by (item id, hash of reference and response, judge), in memory and optionally in a
 * JSON Lines file that survives restarts. Grader errors are never cached: the next attempt asks
 * again. Two threads asking for the same key at once share one judge call. Thread-safe.
 */
public final class JudgementCache {
  private static final Logger LOG = LoggerFactory.getLogger(JudgementCache.class);

  /** The cache key. */
  public record Key(String itemId, String answerHash, String judge) {
    /** Checks the fields. */
    public Key {
      Objects.requireNonNull(itemId, "itemId");
      Objects.requireNonNull(answerHash, "answerHash");
      Objects.requireNonNull(judge, "judge");
    }

    /** The key of a response to an item with this reference answer. */
    public static Key of(String itemId, String reference, String response, String judge) {
      // The reference is hashed in too: a corrected reference answer must not reuse old verdicts.
      return new Key(itemId, EvalJson.sha256(reference + "\u0000" + response), judge);
    }
  }

  /** A grade and the judge's raw reply. */
  public record Judgement(Grade grade, String raw) {}

  private final ConcurrentHashMap<Key, CompletableFuture<Grade>> entries =
      new ConcurrentHashMap<>();
  private final Path file;

  private JudgementCache(Path file) {
    this.file = file;
  }

  /** A cache that lives as long as the process. */
  public static JudgementCache inMemory() {
    return new JudgementCache(null);
  }

  /** A cache backed by {@code file}: existing judgements are loaded, new ones appended. */
  public static JudgementCache onDisk(Path file) {
    JudgementCache cache = new JudgementCache(file);
    cache.load();
    return cache;
  }

  /** The cached grade for {@code key}, or the one {@code judge} gives (cached unless an error). */
  public Grade get(Key key, Supplier<Judgement> judge) {
    CompletableFuture<Grade> mine = new CompletableFuture<>();
    CompletableFuture<Grade> existing = entries.putIfAbsent(key, mine);
    if (existing != null) {
      return existing.join();
    }
    try {
      Judgement judgement = judge.get();
      if (judgement.grade().label() == Grade.Label.GRADER_ERROR) {
        entries.remove(key, mine);
      } else {
        append(key, judgement);
      }
      mine.complete(judgement.grade());
      return judgement.grade();
    } catch (RuntimeException e) {
      entries.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private void load() {
    if (!Files.exists(file)) {
      return;
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read judgement cache " + file, e);
    }
    int bad = 0;
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      try {
        JsonNode node = EvalJson.LINES.readTree(line);
        Key key =
            new Key(
                EvalJson.text(node, "item_id"),
                EvalJson.text(node, "answer_sha256"),
                EvalJson.text(node, "judge"));
        Grade grade = ResultsFile.gradeFromJson(node.get("grade"));
        entries.put(key, CompletableFuture.completedFuture(grade));
      } catch (IOException | RuntimeException e) {
        // A half-written last line from a crash: the judgement is simply asked for again.
        bad++;
      }
    }
    if (bad > 0) {
      LOG.warn("{}: ignored {} unreadable judgement line(s)", file, bad);
    }
  }

  private void append(Key key, Judgement judgement) {
    if (file == null) {
      return;
    }
    ObjectNode node = EvalJson.object();
    node.put("item_id", key.itemId());
    node.put("answer_sha256", key.answerHash());
    node.put("judge", key.judge());
    node.set("grade", ResultsFile.gradeToJson(judgement.grade()));
    node.put("raw", judgement.raw());
    String line = node.toString() + "\n";
    synchronized (this) {
      try (BufferedWriter writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        writer.write(line);
      } catch (IOException e) {
        // Losing a cache line costs one more judge call later, not a result: log and go on.
        LOG.warn("cannot append to judgement cache {}: {}", file, e.toString());
      }
    }
  }
}
