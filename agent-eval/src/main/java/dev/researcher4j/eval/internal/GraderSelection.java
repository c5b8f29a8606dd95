package dev.researcher4j.eval.internal;

import dev.researcher4j.api.ConfigurationException;
import dev.researcher4j.eval.AnswerType;
import dev.researcher4j.eval.Dataset;
import dev.researcher4j.eval.EvalItem;
import dev.researcher4j.eval.Grader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Picks each item's grader: the item's own {@code grader} name, else the grader its answer type
 * maps to, else the evaluation's default.
 */
public final class GraderSelection {

  private final Map<String, Grader> byName;
  private final Map<AnswerType, String> byType;
  private final String defaultName;

  /** A selection over these named graders. */
  public GraderSelection(
      Map<String, Grader> byName, Map<AnswerType, String> byType, String defaultName) {
    this.byName = new LinkedHashMap<>(byName);
    this.byType = new EnumMap<>(AnswerType.class);
    this.byType.putAll(byType);
    this.defaultName = defaultName;
  }

  /** The name of the grader for {@code item}. */
  public String nameFor(EvalItem item) {
    if (!item.grader().isEmpty()) {
      return item.grader();
    }
    return byType.getOrDefault(item.answerType(), defaultName);
  }

  /** The grader for {@code item}; {@link #validate} first. */
  public Grader forItem(EvalItem item) {
    Grader grader = byName.get(nameFor(item));
    if (grader == null) {
      throw new IllegalStateException("no grader named " + nameFor(item) + " for " + item.id());
    }
    return grader;
  }

  /**
   * Checks that every item of {@code dataset} has a grader, before anything runs.
   *
   * @throws ConfigurationException naming the items and the graders they ask for
   */
  public void validate(Dataset dataset) {
    Map<String, List<String>> missing = new LinkedHashMap<>();
    for (EvalItem item : dataset.items()) {
      String name = nameFor(item);
      if (!byName.containsKey(name)) {
        missing.computeIfAbsent(name, n -> new ArrayList<>()).add(item.id());
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder("no grader for some items:");
    missing.forEach(
        (name, ids) -> {
          message
              .append(" grader '")
              .append(name)
              .append("' is asked for by ")
              .append(ids.size())
              .append(" item(s) (e.g. ")
              .append(ids.get(0))
              .append(")");
          if (name.equals("judge")) {
            message.append(", which needs an LLM judge: set judge(...)");
          }
          message.append(';');
        });
    message.append(" known graders: ").append(new TreeSet<>(byName.keySet()));
    throw new ConfigurationException(message.toString());
  }
}
