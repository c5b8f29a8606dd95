package dev.researcher4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible model on WireMock (a response transformer) that plays the whole of a long
 * report, each reply computed from its request so that sections may run in parallel: it plans the
 * outline, researches a section (searches for it, reads its page, answers citing what it saw),
 * writes a section at the length asked with prose of its own citing the ids it was given, judges
 * claims, and writes summary, transitions and conclusion. Replies are shaped as OpenAI documents
 * {@code chat.completion} bodies.
 */
public final class ReportWorldModel implements ResponseDefinitionTransformerV2 {

  public static final String NAME = "report-world-model";
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern LENGTH = Pattern.compile("about (\\d+) words");
  private static final Pattern SECTION = Pattern.compile("Section (\\d+) of (\\d+)");
  private static final Pattern LISTED_ID = Pattern.compile("^\\[(S\\d+)]", Pattern.MULTILINE);
  private static final Pattern CITED_ID = Pattern.compile("\\[(S\\d+)]");
  private static final Pattern CLAIM = Pattern.compile("^(\\d+)\\. ", Pattern.MULTILINE);
  private static final Pattern URL = Pattern.compile("(https?://[^\\s\\]]+/pages/[a-z0-9-]+)");

  private static final String[] TOPICS = {
    "anode",
    "cathode",
    "electrolyte",
    "separator",
    "interface",
    "dendrite",
    "pressure",
    "cost",
    "recycling",
    "safety",
    "supply",
    "mining",
    "factory",
    "vehicle",
    "grid",
    "patent",
    "policy",
    "standard",
    "market",
    "startup",
    "laboratory",
    "prototype",
    "sample",
    "yield",
    "density",
    "voltage",
    "capacity",
    "lifetime",
    "temperature",
    "winter",
    "charging",
    "range",
    "weight",
    "volume",
    "ceramic",
    "polymer",
    "sulfide",
    "oxide",
    "lithium",
    "sodium",
    "silicon",
    "carbon",
    "nickel",
    "cobalt",
    "manganese",
    "iron",
    "phosphate",
    "graphite",
    "coating",
    "binder",
    "solvent",
    "moisture",
    "impedance",
    "resistance",
    "fatigue",
    "cracking",
    "stack",
    "module",
    "pack",
    "cell",
    "pouch",
    "cylinder",
    "prism",
    "tab",
    "weld",
    "seal",
    "housing",
    "cooling"
  };
  private static final String[] VERBS = {
    "raises",
    "lowers",
    "limits",
    "shapes",
    "drives",
    "follows",
    "precedes",
    "governs",
    "affects",
    "outlasts",
    "replaces",
    "complements",
    "undercuts",
    "matches",
    "doubles",
    "halves"
  };

  final int sections;
  final Map<String, AtomicInteger> researched = new ConcurrentHashMap<>();
  final Map<Integer, AtomicInteger> written = new ConcurrentHashMap<>();
  volatile IntConsumer onWrite = index -> {};

  public ReportWorldModel(int sections) {
    this.sections = sections;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    try {
      JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
      return ResponseDefinitionBuilder.responseDefinition()
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(completion(answer(request)).toString())
          .build();
    } catch (Exception e) {
      return ResponseDefinitionBuilder.responseDefinition()
          .withStatus(500)
          .withBody("{\"error\":{\"message\":\"" + e + "\",\"type\":\"server_error\"}}")
          .build();
    }
  }

  private ObjectNode answer(JsonNode request) {
    JsonNode messages = request.path("messages");
    String first = messages.get(0).path("content").asText();
    String format = request.path("response_format").path("json_schema").path("name").asText();
    if (format.equals("report_outline")) {
      return text(outline());
    }
    if (format.equals("report_assembly")) {
      return text(assembly(first));
    }
    if (format.equals("claim_verdicts")) {
      return text(verdicts(messages.get(1).path("content").asText()));
    }
    if (first.startsWith("You write one section")) {
      Matcher length = LENGTH.matcher(first);
      length.find();
      Matcher section = SECTION.matcher(first);
      section.find();
      int index = Integer.parseInt(section.group(1));
      written.computeIfAbsent(index, k -> new AtomicInteger()).incrementAndGet();
      onWrite.accept(index);
      List<String> ids = listed(first.substring(first.indexOf("Sources (cite them")));
      return text(prose(index, Integer.parseInt(length.group(1)), ids));
    }
    return research(messages);
  }

  /** A section's researcher: search, read the section's own page, answer from what it saw. */
  private ObjectNode research(JsonNode messages) {
    String task = messages.get(1).path("content").asText();
    Matcher q = Pattern.compile("Research question: (.*)").matcher(task);
    String title = q.find() ? q.group(1).strip() : "topic";
    int tools = 0;
    Set<String> seen = new LinkedHashSet<>();
    String page = null;
    for (JsonNode m : messages) {
      if (m.path("role").asText().equals("tool")) {
        tools++;
        Matcher id = CITED_ID.matcher(m.path("content").asText());
        while (id.find()) {
          seen.add(id.group(1));
        }
        Matcher url = URL.matcher(m.path("content").asText());
        if (page == null && url.find()) {
          page = url.group(1);
        }
      }
    }
    if (tools == 0) {
      researched.computeIfAbsent(title, k -> new AtomicInteger()).incrementAndGet();
      return toolCall("c1", "web_search", JSON.createObjectNode().put("query", title));
    }
    if (tools == 1 && page != null) {
      return toolCall("c2", "read_page", JSON.createObjectNode().put("url", page));
    }
    StringBuilder notes = new StringBuilder("Answer: the evidence for " + title + "\n\n");
    for (String id : seen) {
      notes.append("A source speaks to ").append(title).append(" [").append(id).append("].\n");
    }
    return text(notes.toString());
  }

  private String outline() {
    ObjectNode outline = JSON.createObjectNode().put("title", "Solid-state batteries in 2026");
    ArrayNode list = outline.putArray("sections");
    for (int i = 1; i <= sections; i++) {
      ObjectNode s = list.addObject();
      s.put("title", "Chapter " + i + ": " + TOPICS[i] + " and " + TOPICS[i + 20]);
      s.putArray("questions").add("What is known about " + TOPICS[i] + "?").add("What is open?");
      s.put("words", 1000);
    }
    return outline.toString();
  }

  private String assembly(String prompt) {
    List<String> ids = listed(prompt.substring(prompt.indexOf("Sources the sections cite")));
    Matcher length =
        Pattern.compile("summary of the whole report in about (\\d+) words").matcher(prompt);
    length.find();
    int words = Integer.parseInt(length.group(1));
    ObjectNode reply = JSON.createObjectNode();
    reply.put("summary", prose(1000, words, ids));
    ArrayNode transitions = reply.putArray("transitions");
    for (int i = 1; i <= sections; i++) {
      transitions.add(
          "Having set out what came before, the report now turns to chapter "
              + i
              + " and what its own sources say about it.");
    }
    reply.put("conclusion", prose(2000, words, ids));
    return reply.toString();
  }

  private static String verdicts(String claims) {
    ArrayNode verdicts = JSON.createArrayNode();
    for (String line : claims.substring(claims.indexOf("Claims:")).split("\n")) {
      Matcher claim = CLAIM.matcher(line);
      if (claim.find()) {
        verdicts
            .addObject()
            .put("claim", Integer.parseInt(claim.group(1)))
            .put("verdict", "SUPPORTED");
      }
    }
    return JSON.createObjectNode().set("verdicts", verdicts).toString();
  }

  private static List<String> listed(String text) {
    List<String> ids = new ArrayList<>();
    Matcher id = LISTED_ID.matcher(text);
    while (id.find()) {
      ids.add(id.group(1));
    }
    return ids;
  }

  /**
   * About {@code words} words in paragraphs of about 100, sentences made from a random walk over a
   * vocabulary seeded by {@code seed} (so no two sections share phrases), each citing one of {@code
   * ids}.
   */
  static String prose(int seed, int words, List<String> ids) {
    Random random = new Random(seed * 104_729L + 17);
    StringBuilder text = new StringBuilder();
    int written = 0;
    int inParagraph = 0;
    int sentence = 0;
    while (written < words) {
      String a = TOPICS[random.nextInt(TOPICS.length)];
      String b = TOPICS[random.nextInt(TOPICS.length)];
      String c = TOPICS[random.nextInt(TOPICS.length)];
      String d = TOPICS[random.nextInt(TOPICS.length)];
      String verb = VERBS[random.nextInt(VERBS.length)];
      String s =
          Character.toUpperCase(a.charAt(0))
              + a.substring(1)
              + " "
              + b
              + " "
              + verb
              + " "
              + c
              + " "
              + d
              + " in trial "
              + (seed * 1000 + sentence)
              + " by "
              + (2 + random.nextInt(97))
              + " percent";
      String id = ids.isEmpty() ? "S1" : ids.get(sentence++ % ids.size());
      text.append(s).append(" [").append(id).append("]. ");
      written += 11;
      inParagraph += 11;
      if (inParagraph >= 100 && written < words) {
        text.setLength(text.length() - 1);
        text.append("\n\n");
        inParagraph = 0;
      }
    }
    return text.toString().strip();
  }

  private static ObjectNode text(String content) {
    return JSON.createObjectNode().put("role", "assistant").put("content", content);
  }

  private static ObjectNode toolCall(String id, String tool, ObjectNode arguments) {
    ObjectNode message = JSON.createObjectNode().put("role", "assistant");
    message.putNull("content");
    message
        .putArray("tool_calls")
        .addObject()
        .put("id", id)
        .put("type", "function")
        .putObject("function")
        .put("name", tool)
        .put("arguments", arguments.toString());
    return message;
  }

  private static ObjectNode completion(ObjectNode message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("id", "chatcmpl-world");
    body.put("object", "chat.completion");
    body.put("created", 1764410400);
    body.put("model", "test-model");
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("message", message);
    choice.put("finish_reason", message.has("tool_calls") ? "tool_calls" : "stop");
    body.putObject("usage")
        .put("prompt_tokens", 400)
        .put("completion_tokens", 50)
        .put("total_tokens", 450);
    return body;
  }
}
