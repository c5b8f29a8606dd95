package dev.researcher4j.tools.scholar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** An in-memory source for testing {@link ScholarSearch} and the tools. Thread-safe once set up. */
final class FakeSource implements ScholarSource, CitationGraph {

  private final PaperSource source;
  private final List<PaperId.Type> supported;
  private List<Paper> results = List.of();
  private final Map<String, Paper> byId = new HashMap<>();
  private List<Paper> citing = List.of();
  private List<Paper> cited = List.of();
  private RuntimeException failure;
  private Supplier<Void> beforeAnswer = () -> null;
  final List<String> calls = new CopyOnWriteArrayList<>();

  FakeSource(PaperSource source, PaperId.Type... supported) {
    this.source = source;
    this.supported = List.of(supported);
  }

  FakeSource results(Paper... papers) {
    this.results = List.of(papers);
    return this;
  }

  FakeSource knows(PaperId id, Paper paper) {
    byId.put(id.type() + ":" + id.unversioned(), paper);
    return this;
  }

  FakeSource graph(List<Paper> citing, List<Paper> cited) {
    this.citing = citing;
    this.cited = cited;
    return this;
  }

  FakeSource failing(RuntimeException failure) {
    this.failure = failure;
    return this;
  }

  FakeSource beforeAnswer(Runnable action) {
    this.beforeAnswer =
        () -> {
          action.run();
          return null;
        };
    return this;
  }

  private void answer(String call) {
    calls.add(call);
    beforeAnswer.get();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public PaperSource source() {
    return source;
  }

  @Override
  public List<Paper> search(PaperQuery query) {
    answer("search:" + query.text());
    return new ArrayList<>(results.subList(0, Math.min(results.size(), query.limit())));
  }

  @Override
  public Optional<Paper> lookup(PaperId id) {
    answer("lookup:" + id);
    return Optional.ofNullable(byId.get(id.type() + ":" + id.unversioned()));
  }

  @Override
  public boolean supports(PaperId.Type type) {
    return supported.contains(type);
  }

  @Override
  public List<Paper> citations(PaperId id, int limit) {
    answer("citations:" + id);
    return citing.subList(0, Math.min(limit, citing.size()));
  }

  @Override
  public List<Paper> references(PaperId id, int limit) {
    answer("references:" + id);
    return cited.subList(0, Math.min(limit, cited.size()));
  }
}
