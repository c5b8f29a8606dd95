package dev.researcher4j.tools.web.read.internal;

import dev.researcher4j.tools.web.read.WebDocument;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Documents already read in one run, by requested and by final URL, so reading page 2 of a document
 * or searching it does not fetch it again. Kept with {@code ToolContext.runScoped}, so it lives as
 * long as the run. Failures are not cached. Thread-safe.
 */
public final class PageCache {

  private final Map<String, WebDocument> documents = new ConcurrentHashMap<>();

  /** The document for {@code url}, loading it with {@code loader} if this run has not yet. */
  public WebDocument get(String url, Supplier<WebDocument> loader) {
    WebDocument cached = documents.get(url);
    if (cached != null) {
      return cached;
    }
    WebDocument loaded = loader.get();
    documents.putIfAbsent(url, loaded);
    documents.putIfAbsent(loaded.url(), loaded);
    return loaded;
  }

  /** How many URLs are cached. */
  public int size() {
    return documents.size();
  }
}
