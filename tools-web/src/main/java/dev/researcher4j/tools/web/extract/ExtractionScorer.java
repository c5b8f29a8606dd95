package dev.researcher4j.tools.web.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores extracted article bodies against ground truth the way the article-extraction benchmarks
 * do: each text is split into {@code \w+} tokens (Unicode letters, numbers and underscore, as
 * Python's {@code re} reads {@code \w}), the tokens into overlapping shingles of four, and each
 * document gets precision and recall over its shingle multisets; precision and recall are averaged
 * over documents and F1 is computed from the two means.
 *
 * <p>Both inputs have the shape {@code {"<id>": {"articleBody": "<text>"}}}. A document in the
 * ground truth but missing from the prediction counts as empty. Edge cases follow the benchmark's
 * {@code evaluate.py}; see {@link #scoreDocument}.
 *
 * <p>Stateless and thread-safe. The command line's {@code researcher extract-score} prints the
 * figures for two files.
 */
public final class ExtractionScorer {

  /** The ground-truth file's name in a development-set directory. */
  public static final String TRUTH_FILE = "ground-truth.json";

  /** Shingle length in tokens. */
  public static final int SHINGLE_SIZE = 4;

  // Python's \\w: letters, numbers and underscore (combining marks are not word characters there)
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExtractionScorer() {}

  /**
   * Scores of one document.
   *
   * @param id the document id
   * @param precision share of predicted shingles found in the truth, {@code NaN} when nothing was
   *     predicted
   * @param recall share of true shingles found in the prediction, {@code NaN} when the truth is
   *     empty
   */
  public record DocumentScore(String id, double precision, double recall) {}

  /**
   * The overall figures.
   *
   * @param precision mean precision over documents
   * @param recall mean recall over documents
   * @param f1 harmonic mean of the two means
   * @param documents per-document scores, in the ground truth's order
   */
  public record Score(double precision, double recall, double f1, List<DocumentScore> documents) {
    /** Copies the list. */
    public Score {
      documents = List.copyOf(documents);
    }

    /** The figures as one line, as {@code researcher extract-score} prints them. */
    public String summary() {
      return String.format(
          Locale.ROOT,
          "documents=%d precision=%.4f recall=%.4f f1=%.4f",
          documents.size(),
          precision,
          recall,
          f1);
    }
  }

  /**
   * Scores {@code predicted} bodies against {@code truth} bodies, both keyed by document id.
   *
   * @throws IllegalArgumentException if {@code truth} is empty
   */
  public static Score score(Map<String, String> predicted, Map<String, String> truth) {
    if (truth.isEmpty()) {
      throw new IllegalArgumentException("truth must hold at least one document, but was empty");
    }
    List<DocumentScore> docs = new ArrayList<>();
    double p = 0;
    double r = 0;
    int pCount = 0;
    int rCount = 0;
    for (Map.Entry<String, String> entry : truth.entrySet()) {
      DocumentScore d =
          scoreDocument(
              entry.getKey(), predicted.getOrDefault(entry.getKey(), ""), entry.getValue());
      docs.add(d);
      if (!Double.isNaN(d.precision())) {
        p += d.precision();
        pCount++;
      }
      if (!Double.isNaN(d.recall())) {
        r += d.recall();
        rCount++;
      }
    }
    p = pCount == 0 ? 0 : p / pCount;
    r = rCount == 0 ? 0 : r / rCount;
    double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
    return new Score(p, r, f1, docs);
  }

  /**
   * Precision and recall of one prediction against one truth, over shingle counts: true positives
   * are shingles in both (counting repeats), false positives only predicted, false negatives only
   * true. Both are 1 when prediction and truth are identical (including both empty); precision is
   * {@code NaN} (left out of the mean) for an empty prediction of a non-empty truth, and recall is
   * {@code NaN} for a non-empty prediction of an empty truth.
   */
  public static DocumentScore scoreDocument(String id, String predicted, String truth) {
    Map<List<String>, Integer> pred = shingles(predicted);
    Map<List<String>, Integer> gold = shingles(truth);
    double tp = 0;
    double fp = 0;
    double fn = 0;
    for (Map.Entry<List<String>, Integer> e : pred.entrySet()) {
      int g = gold.getOrDefault(e.getKey(), 0);
      tp += Math.min(e.getValue(), g);
      fp += Math.max(0, e.getValue() - g);
    }
    for (Map.Entry<List<String>, Integer> e : gold.entrySet()) {
      fn += Math.max(0, e.getValue() - pred.getOrDefault(e.getKey(), 0));
    }
    double precision;
    double recall;
    if (fp == 0 && fn == 0) {
      precision = 1;
      recall = 1;
    } else {
      precision = tp + fp == 0 ? Double.NaN : tp / (tp + fp);
      recall = tp + fn == 0 ? Double.NaN : tp / (tp + fn);
    }
    return new DocumentScore(id, precision, recall);
  }

  /**
   * The shingles of {@code text} with their counts. A text of fewer than {@value #SHINGLE_SIZE}
   * tokens is one shorter shingle, so short texts are still compared.
   */
  static Map<List<String>, Integer> shingles(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text == null ? "" : text);
    while (m.find()) {
      tokens.add(m.group());
    }
    Map<List<String>, Integer> counts = new HashMap<>();
    if (tokens.isEmpty()) {
      return counts;
    }
    int n = Math.min(SHINGLE_SIZE, tokens.size());
    for (int i = 0; i + n <= tokens.size(); i++) {
      counts.merge(List.copyOf(tokens.subList(i, i + n)), 1, Integer::sum);
    }
    return counts;
  }

  /**
   * Reads a file of shape {@code {"<id>": {"articleBody": "<text>"}}}.
   *
   * @throws IOException if it cannot be read or is not of that shape
   */
  public static Map<String, String> readBodies(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException(file + ": expected a JSON object of {\"<id>\": {\"articleBody\": …}}");
    }
    Map<String, String> bodies = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      bodies.put(e.getKey(), e.getValue().path("articleBody").asText(""));
    }
    return bodies;
  }

  /**
   * Reads ground truth from a file of {@link #readBodies} shape, or from a directory holding one as
   * {@value #TRUTH_FILE} (the layout of the development sets: pages in {@code html/} beside it).
   *
   * @throws IOException if neither is there or the file cannot be read
   */
  public static Map<String, String> readTruth(Path fileOrDirectory) throws IOException {
    if (Files.isDirectory(fileOrDirectory)) {
      Path file = fileOrDirectory.resolve(TRUTH_FILE);
      if (!Files.isRegularFile(file)) {
        throw new NoSuchFileException(
            file.toString(), null, "a development-set directory holds its truth as " + TRUTH_FILE);
      }
      return readBodies(file);
    }
    return readBodies(fileOrDirectory);
  }
}
