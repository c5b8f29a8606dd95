package dev.researcher4j.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.ChatResponse;
import dev.researcher4j.api.Message;
import dev.researcher4j.api.Role;
import dev.researcher4j.api.Source;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.core.report.LongReport;
import dev.researcher4j.core.verify.ModelVerifier;
import dev.researcher4j.testing.ScriptedChatModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted world for long-report tests: one model that plans outlines, researches sections
 * (searching, then answering from what it found), writes sections at the length asked citing the
 * sources it was given, checks claims, and assembles; and a search tool with two pages per query.
 * Every reply is a function of its request, so sections may run in parallel.
 */
final class ReportWorld {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern LENGTH = Pattern.compile("about (\\d+) words");
  private static final Pattern SECTION = Pattern.compile("Section (\\d+) of (\\d+)");
  private static final Pattern ID = Pattern.compile("^\\[(S\\d+)]", Pattern.MULTILINE);
  private static final Pattern CLAIM = Pattern.compile("^(\\d+)\\. ", Pattern.MULTILINE);

  private static final String[] WORDS =
      ("battery cell anode cathode lithium sodium solid electrolyte ceramic polymer sulfide oxide"
              + " density cycle life capacity charge rate voltage window interface dendrite growth"
              + " pressure stack module pack vehicle grid storage cost supply chain mining refining"
              + " recycling yield factory pilot line scale production startup investment patent trial"
              + " safety fire thermal runaway test standard regulation market share forecast demand"
              + " price kilowatt hour range weight volume temperature winter summer fast slow"
              + " research laboratory university partner automaker supplier contract prototype sample"
              + " measurement result study paper review evidence claim estimate figure table model")
          .split(" ");

  /** Sections planned by the outline. */
  final int sections;

  /** Claims the verifier rejects: claim texts containing any of these. */
  final List<String> rejected = new ArrayList<>();

  /** Section whose writer copies a paragraph of section 1 (0 for none). */
  volatile int copying;

  ReportWorld(int sections) {
    this.sections = sections;
  }

  ScriptedChatModel model() {
    return ScriptedChatModel.answering(this::answer);
  }

  /** A search tool returning two pages per query: one of its own, one shared by every query. */
  static Tool search() {
    return Fixtures.tool(
        "web_search",
        (call, context) -> {
          String query = call.parsedArguments().path("query").asText();
          String slug = query.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
          return ToolResult.of(
              "Two pages about " + query,
              List.of(
                  Source.web(
                      "https://pages.example/" + slug,
                      "On " + query,
                      "What is known of " + query + "."),
                  Source.web("https://pages.example/overview", "Overview", "A general overview.")));
        });
  }

  static Predicate<ChatRequest> format(String name) {
    return r -> name.equals(r.responseFormat().name());
  }

  private ChatResponse answer(ChatRequest request) throws Exception {
    String first = request.messages().get(0).content();
    String last = request.messages().get(request.messages().size() - 1).content();
    if (format(LongReport.OUTLINE_RESPONSE_FORMAT).test(request)) {
      return ScriptedChatModel.text(outline());
    }
    if (format(LongReport.ASSEMBLY_RESPONSE_FORMAT).test(request)) {
      return ScriptedChatModel.text(assembly(first));
    }
    if (format(ModelVerifier.RESPONSE_FORMAT_NAME).test(request)) {
      return ScriptedChatModel.text(verdicts(request.messages().get(1).content()));
    }
    if (first.startsWith("You write one section")) {
      Matcher length = LENGTH.matcher(first);
      length.find();
      int words = Integer.parseInt(length.group(1));
      Matcher section = SECTION.matcher(first);
      section.find();
      int index = Integer.parseInt(section.group(1));
      List<String> ids = new ArrayList<>();
      Matcher id = ID.matcher(first.substring(first.indexOf("Sources (cite them")));
      while (id.find()) {
        ids.add(id.group(1));
      }
      String text = prose(index, words, ids);
      if (index == copying) {
        text = prose(1, 150, ids).split("\n\n")[0] + "\n\n" + text;
      }
      return ScriptedChatModel.text(text);
    }
    // A research sub-run: search for the section, then answer citing what came back.
    boolean searched = request.messages().stream().anyMatch(m -> m.role() == Role.TOOL);
    if (!searched) {
      String question = first.isEmpty() ? "" : request.messages().get(1).content();
      Matcher q = Pattern.compile("Research question: (.*)").matcher(question);
      String title = q.find() ? q.group(1).strip() : "topic";
      return ScriptedChatModel.toolCalls(
          Fixtures.call("s", "web_search", JSON.createObjectNode().put("query", title).toString()));
    }
    Set<String> found = new LinkedHashSet<>();
    for (Message m : request.messages()) {
      if (m.role() == Role.TOOL) {
        Matcher id = Pattern.compile("\\[(S\\d+)]").matcher(m.content());
        while (id.find()) {
          found.add(id.group(1));
        }
      }
    }
    StringBuilder notes = new StringBuilder("Answer: evidence gathered\n\n");
    for (String id : found) {
      notes.append("The page says what it says [").append(id).append("].\n");
    }
    return ScriptedChatModel.text(notes.toString());
  }

  private String outline() {
    ObjectNode outline = JSON.createObjectNode().put("title", "Solid-state batteries");
    ArrayNode list = outline.putArray("sections");
    for (int i = 1; i <= sections; i++) {
      ObjectNode s = list.addObject();
      s.put("title", "Part " + i + " of the story");
      s.putArray("questions").add("What happened in part " + i + "?").add("Why does it matter?");
      s.put("words", 1000);
    }
    return outline.toString();
  }

  private String assembly(String prompt) {
    List<String> ids = new ArrayList<>();
    Matcher id = ID.matcher(prompt.substring(prompt.indexOf("Sources the sections cite")));
    while (id.find()) {
      ids.add(id.group(1));
    }
    Matcher length =
        Pattern.compile("summary of the whole report in about (\\d+) words").matcher(prompt);
    length.find();
    int words = Integer.parseInt(length.group(1));
    ObjectNode reply = JSON.createObjectNode();
    reply.put("summary", prose(1000, words, ids));
    ArrayNode transitions = reply.putArray("transitions");
    for (int i = 1; i <= sections; i++) {
      transitions.add("Next comes part " + i + ".");
    }
    reply.put("conclusion", prose(2000, words, ids));
    return reply.toString();
  }

  private String verdicts(String claims) {
    ArrayNode verdicts = JSON.createObjectNode().putArray("verdicts");
    String listed = claims.substring(claims.indexOf("Claims:"));
    for (String line : listed.split("\n")) {
      Matcher claim = CLAIM.matcher(line);
      if (claim.find()) {
        boolean bad = rejected.stream().anyMatch(line::contains);
        verdicts
            .addObject()
            .put("claim", Integer.parseInt(claim.group(1)))
            .put("verdict", bad ? "UNSUPPORTED" : "SUPPORTED")
            .put("note", bad ? "the page does not say this" : "");
      }
    }
    return JSON.createObjectNode().set("verdicts", verdicts).toString();
  }

  /**
   * Paragraphs of about 100 words of prose unique to {@code seed}, {@code words} in all, each
   * sentence ending with a citation of one of {@code ids}.
   */
  static String prose(int seed, int words, List<String> ids) {
    Random random = new Random(seed * 7919L);
    StringBuilder text = new StringBuilder();
    int written = 0;
    int inParagraph = 0;
    int sentence = 0;
    while (written < words) {
      int length = 8 + random.nextInt(8);
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < length; i++) {
        String word = WORDS[random.nextInt(WORDS.length)];
        s.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        s.append(i == length - 1 ? "" : " ");
      }
      String id = ids.isEmpty() ? "S1" : ids.get(sentence++ % ids.size());
      text.append(s).append(" [").append(id).append("]. ");
      written += length;
      inParagraph += length;
      if (inParagraph >= 100 && written < words) {
        text.setLength(text.length() - 1);
        text.append("\n\n");
        inParagraph = 0;
      }
    }
    return text.toString().strip();
  }
}
