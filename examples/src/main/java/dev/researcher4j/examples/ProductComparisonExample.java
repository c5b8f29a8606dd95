package dev.researcher4j.examples;

import dev.researcher4j.api.ChatModel;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.json.Description;
import dev.researcher4j.core.model.OpenAiChatModel;
import dev.researcher4j.core.structured.CitedField;
import dev.researcher4j.core.structured.TypedResult;
import dev.researcher4j.tools.web.read.PageReader;
import dev.researcher4j.tools.web.read.ReadPageTool;
import dev.researcher4j.tools.web.search.WebSearch;
import dev.researcher4j.tools.web.search.WebSearchTool;
import java.time.LocalDate;
import java.util.List;

/**
 * A product comparison table as a typed, cited result: every cell of the table carries the sources
 * it rests on, and cells the verifier could not back are flagged, not silently kept.
 */
public final class ProductComparisonExample {
  private ProductComparisonExample() {}

  /** Runs the example against the model configured in the environment. */
  public static void main(String[] args) {
    List<Tool> tools =
        List.of(
            WebSearchTool.of(WebSearch.fromEnvironment()),
            ReadPageTool.of(PageReader.ofDefaults()));
    TypedResult<Comparison> result =
        compare(OpenAiChatModel.fromEnv(), tools, "The e-readers on sale in 2026, with prices");
    System.out.println(result.outcome().report()); // a Markdown table, [S1] after each cell
  }

  // README:typed
  enum Screen {
    E_INK,
    LCD,
    OLED
  }

  record Money(
      @Description("amount, e.g. 149.99") double amount,
      @Description("ISO 4217") String currency) {}

  record Product(
      String name,
      String maker,
      Money price,
      Screen screen,
      @Description("when it went on sale") LocalDate released,
      @Description("weight in grams") int weightGrams) {}

  record Comparison(List<Product> products) {}

  static TypedResult<Comparison> compare(ChatModel model, List<Tool> tools, String question) {
    ResearchAgent agent = ResearchAgent.builder().chatModel(model).tools(tools).build();
    TypedResult<Comparison> result = agent.run(Task.of(question), Comparison.class);
    for (Product product : result.value().products()) { // value() throws when there is none
      System.out.println(product.name() + ": " + product.price().amount());
    }
    for (CitedField cell : result.fields()) { // every cell: its path, value and sources
      System.out.println(cell.path() + " = " + cell.value() + " " + cell.sourceIds());
    }
    result
        .flagged()
        .forEach(cell -> System.out.println("check " + cell.path() + ": " + cell.flag()));
    return result; // result.json(): the answer with _sources and _flags in every object
  }
  // README:end
}
