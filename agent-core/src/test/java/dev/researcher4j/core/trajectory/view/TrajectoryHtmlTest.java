package dev.researcher4j.core.trajectory.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.Budget;
import dev.researcher4j.api.Grade;
import dev.researcher4j.api.Reward;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.StepKind;
import dev.researcher4j.api.Task;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.api.Trajectory;
import dev.researcher4j.core.ResearchAgent;
import dev.researcher4j.core.ResearchScenario;
import dev.researcher4j.core.verify.VerificationPolicy;
import dev.researcher4j.testing.FakeClock;
import dev.researcher4j.testing.ScriptedChatModel;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

class TrajectoryHtmlTest {

  @TempDir Path dir;

  /** Parses the page as XML: well-formedness is the test; no DTD is loaded. */
  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> list = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      list.add((Element) nodes.item(i));
    }
    return list;
  }

  private static List<Attr> attributes(Document doc) {
    List<Attr> attrs = new ArrayList<>();
    for (Element e : elements(doc, "*")) {
      NamedNodeMap map = e.getAttributes();
      for (int i = 0; i < map.getLength(); i++) {
        attrs.add((Attr) map.item(i));
      }
    }
    return attrs;
  }

  private static Element byId(Document doc, String id) {
    for (Element e : elements(doc, "*")) {
      if (id.equals(e.getAttribute("id"))) {
        return e;
      }
    }
    return null;
  }

  /** No loadable or executable content and no reference outside the page. */
  private static void assertSelfContained(Document doc, String html) {
    for (String tag :
        List.of(
            "script", "img", "iframe", "object", "embed", "link", "base", "form", "svg", "video",
            "audio", "source", "input", "button")) {
      assertThat(elements(doc, tag)).as("<" + tag + "> elements").isEmpty();
    }
    assertThat(elements(doc, "style")).hasSize(1);
    for (Attr attr : attributes(doc)) {
      String name = attr.getName().toLowerCase(java.util.Locale.ROOT);
      assertThat(name)
          .as("attribute on <%s>", attr.getOwnerElement().getTagName())
          .doesNotStartWith("on")
          .isNotIn("src", "srcset", "style", "action", "formaction", "background", "poster");
      if (name.equals("href") && attr.getValue().startsWith("#")) {
        assertThat(byId(doc, attr.getValue().substring(1)))
            .as("target of " + attr.getValue())
            .isNotNull();
      } else if (name.equals("href")) {
        // The only links out: http(s), opened without opener or referrer.
        assertThat(attr.getValue()).as("href").matches("https?://[^\\s]+");
        assertThat(attr.getOwnerElement().getAttribute("rel")).isEqualTo("noopener noreferrer");
      }
    }
    String style = elements(doc, "style").get(0).getTextContent();
    assertThat(style).doesNotContain("url(", "@import", "@font-face", "http");
    // In the markup itself (tags and attributes; text, where hostile strings live escaped, aside).
    java.util.regex.Matcher tags = java.util.regex.Pattern.compile("<[^>]*>").matcher(html);
    while (tags.find()) {
      assertThat(tags.group().toLowerCase(java.util.Locale.ROOT))
          .doesNotContain("src=", "href=\"//", "url(", "@import", "javascript:", "data:");
    }
  }

  @Test
  void thePageShowsQuestionAnswerWithCitationLinksTimelineSourcesAndTotals() throws Exception {
    Trajectory run = ResearchScenario.completing().record(dir);
    Grade grade = new Grade("exact-match/1", "", Grade.Label.CORRECT, 1, "42", "", Double.NaN);
    Trajectory graded =
        run.withGrades(List.of(grade), new Reward(1, Map.of("correctness", 1.0), "exact-match/1"));
    Path file = dir.resolve("view/run.html");

    TrajectoryHtml.write(graded, file);
    String html = Files.readString(file);
    Document doc = parse(html);

    assertSelfContained(doc, html);
    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">");
    assertThat(elements(doc, "title").get(0).getTextContent())
        .isEqualTo("researcher4j run: What are alpha and gamma?");
    assertThat(byId(doc, "question").getTextContent()).isEqualTo("What are alpha and gamma?");
    Element answer = byId(doc, "answer");
    assertThat(answer.getTextContent()).contains("Alpha is 42 [S1]. Gamma is 7 [S3].");
    List<String> citationLinks = new ArrayList<>();
    NodeList links = answer.getElementsByTagName("a");
    for (int i = 0; i < links.getLength(); i++) {
      citationLinks.add(((Element) links.item(i)).getAttribute("href"));
    }
    assertThat(citationLinks).contains("#source-S1", "#source-S3");
    assertThat(byId(doc, "source-S3").getTextContent())
        .contains("Page about gamma", "https://example.org/gamma");
    assertThat(byId(doc, "source-S3").getAttribute("class")).isEqualTo("cited");

    List<Element> steps = new ArrayList<>();
    for (Element d : elements(doc, "details")) {
      if (d.getAttribute("class").startsWith("step ")) {
        steps.add(d);
        assertThat(d.hasAttribute("open")).isFalse();
      }
    }
    assertThat(steps).hasSize(graded.steps().size());
    assertThat(steps.get(0).getAttribute("class")).isEqualTo("step k-PLAN");
    assertThat(steps.get(8).getAttribute("class")).isEqualTo("step k-VERIFY");
    assertThat(byId(doc, "step-2").getTextContent())
        .contains(
            "Reasoning (25 characters)",
            "I should search for both.",
            "Asked for 2 tool calls",
            "c1");
    assertThat(byId(doc, "step-5").getTextContent())
        .contains("flaky EXCEPTION", "the flaky service said no", "web_search CACHED");
    assertThat(byId(doc, "step-7").getTextContent())
        .contains("read_page OK", "shown to the model cut short", "more characters");
    assertThat(byId(doc, "step-9").getTextContent()).contains("CONTRADICTED", "S2 is about beta");
    assertThat(byId(doc, "totals").getTextContent())
        .contains("Tokens", "in (0 cached)", "Cost", "$0.0060", "Tool calls8 (1 failed)");
    assertThat(byId(doc, "grades").getTextContent()).contains("CORRECT", "Reward1.000");
  }

  @Test
  void hostileTextFromPagesAndModelsCannotBecomeMarkupOrLiveLinks() throws Exception {
    String hostile =
        "<script>alert('x')</script></details></section></body><img src=x onerror=alert(1)>"
            + " & \"quoted\" 'single' \u0000\u0007\u001b control </pre><a href=\"https://evil.example\">x</a>"
            + " <style>@import url(https://evil.example/a.css)</style> \uD800 lone";
    ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
    schema.putObject("properties").putObject("query").put("type", "string");
    ToolSpec spec = ToolSpec.of("web_search", "Searches.", schema);
    Tool tool =
        new Tool() {
          @Override
          public ToolSpec spec() {
            return spec;
          }

          @Override
          public ToolResult execute(ToolCall call, ToolContext context) {
            return ToolResult.of(
                hostile,
                List.of(
                    Source.web(
                        "javascript:alert(document.cookie)",
                        "\"><script>alert(2)</script>",
                        hostile),
                    Source.web(
                        "https://evil.example/\"onmouseover=\"alert(3)",
                        "' onfocus='alert(4)",
                        "")));
          }
        };
    ScriptedChatModel model =
        ScriptedChatModel.builder()
            .toolCalls(
                new ToolCall("c1\"><script>", "web_search", "{\"query\":\"</pre><script>\"}"))
            .text(
                "Answer: <b>bold</b>\n\nSee [S1] and [S2]. </div><script>alert(5)</script> [S9]"
                    + hostile)
            .build();
    Trajectory run =
        ResearchAgent.builder()
            .chatModel(model)
            .tools(tool)
            .planning(false)
            .verification(VerificationPolicy.disabled())
            .clock(FakeClock.fixed())
            .build()
            .run(Task.of("What is <title>x</title> & co? </h1><script>alert(6)</script>"));

    String html = TrajectoryHtml.render(run);
    Document doc = parse(html);

    assertSelfContained(doc, html);
    assertThat(byId(doc, "question").getTextContent())
        .isEqualTo("What is <title>x</title> & co? </h1><script>alert(6)</script>");
    String text = doc.getDocumentElement().getTextContent();
    assertThat(text)
        .contains(
            "<script>alert('x')</script></details></section></body><img src=x onerror=alert(1)>")
        .contains("\"quoted\" 'single' \uFFFD\uFFFD\uFFFD control")
        .contains("javascript:alert(document.cookie)")
        .contains("\"><script>alert(2)</script>")
        .contains("Answer: <b>bold</b>", "</div><script>alert(5)</script>");
    // The javascript: address is text in the sources table, not a link.
    Element first = byId(doc, "source-S1");
    assertThat(first.getTextContent()).contains("javascript:alert(document.cookie)");
    assertThat(first.getElementsByTagName("a").getLength()).isZero();
    // An id the run never saw is not linked.
    Set<String> hrefs = new HashSet<>();
    attributes(doc).stream()
        .filter(a -> a.getName().equals("href") && a.getValue().startsWith("#"))
        .forEach(a -> hrefs.add(a.getValue()));
    assertThat(hrefs).containsExactlyInAnyOrder("#source-S1", "#source-S2");
    assertThat(
            elements(doc, "details").stream()
                .filter(d -> d.getAttribute("class").startsWith("step ")))
        .hasSize(run.steps().size());
  }

  @Test
  void aTwoHundredStepRunStaysReadableCollapsedAndParseable() throws Exception {
    ResearchScenario scenario = ResearchScenario.endless();
    Trajectory run =
        scenario
            .agent(scenario.model())
            .budget(Budget.builder().maxSteps(100).maxToolCalls(1000).build())
            .build()
            .run(ResearchScenario.TASK);
    assertThat(run.steps().size()).isGreaterThanOrEqualTo(199);

    String html = TrajectoryHtml.render(run);
    Document doc = parse(html);

    assertSelfContained(doc, html);
    long steps =
        elements(doc, "details").stream()
            .filter(d -> d.getAttribute("class").startsWith("step "))
            .peek(d -> assertThat(d.hasAttribute("open")).isFalse())
            .count();
    assertThat(steps).isEqualTo(run.steps().size());
    assertThat(elements(doc, "details").stream().filter(d -> d.hasAttribute("open"))).isEmpty();
    for (Element pre : elements(doc, "pre")) {
      if (pre.getAttribute("class").equals("preview")) {
        assertThat(pre.getTextContent().length())
            .isLessThanOrEqualTo(TrajectoryHtml.PREVIEW_CHARS + 1);
      }
    }
    // Each model step shows only the messages it added, so the page grows linearly.
    assertThat(html.length()).isLessThan(2_000_000);
    // Numbered as the command line numbers them: [step 1] … [step N].
    assertThat(byId(doc, "step-" + run.steps().size()).getAttribute("class"))
        .isEqualTo("step k-" + StepKind.FINAL);
  }

  @Test
  void escapingCoversMarkupQuotesAndCharactersXmlForbids() {
    assertThat(Html.esc("<a href=\"x\">'&'</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    assertThat(Html.esc("a\u0000b\u0008c\td\ne\uFFFEf\uD83D\uDE00g\uDC00"))
        .isEqualTo("a\uFFFDb\uFFFDc\td\ne\uFFFDf\uD83D\uDE00g\uFFFD");
    assertThat(Html.anchor("S1\"><x")).isEqualTo("source-S1___x");
  }
}
