package dev.researcher4j.tools.web.extract;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.tools.web.internal.CharsetDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The library side of {@code researcher extract <files|dir>... --json}: runs {@link
 * ContentExtractor} over saved pages ({@code <id>.html} or {@code <id>.html.gz}; directories are
 * searched for such files, not recursively) and writes {@code {"<id>": {"articleBody": "<plain
 * text>"}}}, the input format of {@link ExtractionScorer} and of the public article-extraction
 * benchmarks. Charsets are detected as the page reader does (BOM, {@code <meta>}, UTF-8 check).
 *
 * <p>{@link #measureSpeed} measures pages per second. Stateless and thread-safe.
 */
public final class ExtractionBenchmark {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ExtractionBenchmark() {}

  /**
   * The saved pages among {@code inputs}, by id, in order: files as given, directories' {@code
   * .html} and {@code .html.gz} files sorted by name.
   *
   * @throws IOException if a directory cannot be listed
   * @throws IllegalArgumentException if an input is neither such a file nor a directory
   */
  public static Map<String, Path> pages(List<Path> inputs) throws IOException {
    Map<String, Path> pages = new LinkedHashMap<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> files = Files.list(input)) {
          for (Path f : files.filter(ExtractionBenchmark::isPage).sorted().toList()) {
            pages.put(id(f), f);
          }
        }
      } else if (isPage(input) && Files.isRegularFile(input)) {
        pages.put(id(input), input);
      } else {
        throw new IllegalArgumentException(
            "input must be a directory or an existing .html or .html.gz file, but was " + input);
      }
    }
    return pages;
  }

  /**
   * What extracting a set of pages gave.
   *
   * @param bodies the article body of every page, by id (empty for a page that failed)
   * @param failures pages that could not be read or extracted, by id, with the reason
   * @param fallbacks pages whose main content was not found, by id, with the reason (their body is
   *     the page's visible text)
   */
  public record Extraction(
      Map<String, String> bodies, Map<String, String> failures, Map<String, String> fallbacks) {
    /** Copies the maps, keeping their order. */
    public Extraction {
      bodies = Collections.unmodifiableMap(new LinkedHashMap<>(bodies));
      failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
      fallbacks = Collections.unmodifiableMap(new LinkedHashMap<>(fallbacks));
    }
  }

  /**
   * Extracts the article body of every page. A page that cannot be read (a broken gzip file, an I/O
   * error) is listed in {@link Extraction#failures()} and the others go on.
   */
  public static Extraction run(Map<String, Path> pages) {
    ContentExtractor extractor = ContentExtractor.create();
    Map<String, String> bodies = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, String> fallbacks = new LinkedHashMap<>();
    for (Map.Entry<String, Path> page : pages.entrySet()) {
      String id = page.getKey();
      try {
        ExtractedContent content = extractor.extract(read(page.getValue()), "");
        bodies.put(id, content.text());
        if (content.isFallback()) {
          fallbacks.put(id, content.fallback());
        }
      } catch (IOException | RuntimeException e) {
        bodies.put(id, "");
        failures.put(id, page.getValue() + ": " + e);
      }
    }
    return new Extraction(bodies, failures, fallbacks);
  }

  /** The article body of every page, by id; a page that cannot be read gets an empty body. */
  public static Map<String, String> extract(Map<String, Path> pages) {
    return run(pages).bodies();
  }

  /** Reads a saved page, gunzipping {@code .gz} files and detecting the charset. */
  public static String read(Path file) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes =
          file.getFileName().toString().endsWith(".gz")
              ? new GZIPInputStream(in).readAllBytes()
              : in.readAllBytes();
    }
    return CharsetDetector.decode(bytes, null).text();
  }

  /** Writes {@code bodies} as {@code {"<id>": {"articleBody": "…"}}}. */
  public static void writeJson(Map<String, String> bodies, OutputStream out) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    bodies.forEach((id, body) -> root.putObject(id).put("articleBody", body));
    JSON.writeValue(new NonClosing(out), root);
  }

  /**
   * How fast extraction runs over some pages.
   *
   * @param pages pages extracted per round
   * @param rounds rounds measured (after one warm-up round)
   * @param htmlBytes characters of HTML per round
   * @param seconds wall time of the measured rounds
   * @param cpuSeconds CPU time the extracting thread used in the measured rounds (extraction is
   *     single-threaded), or 0 where the JVM cannot measure it
   */
  public record Speed(int pages, int rounds, long htmlBytes, double seconds, double cpuSeconds) {
    /** Pages extracted per second of wall time. */
    public double pagesPerSecond() {
      return seconds == 0 ? 0 : pages * (double) rounds / seconds;
    }

    /**
     * Pages extracted per second of one core's time: the speed without the waits a busy machine
     * adds (garbage collection threads are not counted).
     */
    public double pagesPerCpuSecond() {
      return cpuSeconds == 0 ? 0 : pages * (double) rounds / cpuSeconds;
    }

    /** One line for people. */
    public String summary() {
      return String.format(
          Locale.ROOT,
          "extracted %d pages (%d rounds of %d, %.1f MB of HTML per round) in %.2f s: %.1f pages/s"
              + " (%.1f pages per CPU-second of the extracting thread)",
          pages * rounds,
          rounds,
          pages,
          htmlBytes / 1e6,
          seconds,
          pagesPerSecond(),
          pagesPerCpuSecond());
    }
  }

  /**
   * Extracts every page {@code rounds} times, after one unmeasured warm-up round, and reports the
   * speed. Pages are read and decoded before timing starts; pages that cannot be read are left out.
   */
  public static Speed measureSpeed(Map<String, Path> pages, int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, but was " + rounds);
    }
    List<String> texts = new ArrayList<>();
    for (Path page : pages.values()) {
      try {
        texts.add(read(page));
      } catch (IOException e) {
        // a page that cannot be read is reported by run(); speed is measured over the others
      }
    }
    long bytes = texts.stream().mapToLong(String::length).sum();
    ContentExtractor extractor = ContentExtractor.create();
    texts.forEach(html -> extractor.extract(html, ""));
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    boolean cpu = threads.isCurrentThreadCpuTimeSupported();
    long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
    long start = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      texts.forEach(html -> extractor.extract(html, ""));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = cpu ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : 0;
    return new Speed(texts.size(), rounds, bytes, seconds, cpuSeconds);
  }

  private static boolean isPage(Path f) {
    String name = f.getFileName().toString();
    return name.endsWith(".html") || name.endsWith(".html.gz");
  }

  private static String id(Path f) {
    String name = f.getFileName().toString();
    return name.substring(0, name.lastIndexOf(".html"));
  }

  /** Lets Jackson write to a stream it must not close (standard output). */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
