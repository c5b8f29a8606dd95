package dev.researcher4j.core.cite;

import dev.researcher4j.api.Source;
import dev.researcher4j.core.internal.cite.SourceRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Sources that several runs register into, so that an id ({@code S12}) means the same source in
 * every one of them — the sections of a long report, researched in parallel, cite one reference
 * list. Pass it to a run with {@link dev.researcher4j.core.RunOptions.Builder#sources}; each run
 * then gives a source it finds the next free id, or the id another run already gave it.
 *
 * <p>Make one with {@link #create()}; {@link dev.researcher4j.core.RunOptions} accepts no other
 * implementation. Thread-safe.
 */
public interface SharedSources {

  /** An empty set of shared sources. */
  static SharedSources create() {
    return new SourceRegistry();
  }

  /** Every source registered so far, in id order. */
  List<Source> all();

  /** The source with {@code id}, if any run registered it. */
  Optional<Source> byId(String id);

  /** How many sources were registered. */
  int size();
}
