package dev.researcher4j.core.internal.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.researcher4j.core.json.Description;
import java.util.ArrayList;
import java.util.List;

/**
 * A long report's plan: its title, and per section a title, the questions it must answer and its
 * words. The words are planned so that sections, summary, transitions and conclusion add up to the
 * report's length target: the model proposes the sections' relative lengths, the plan scales them.
 *
 * @param title the report's title
 * @param sections the sections, in reading order
 * @param summaryWords the planned length of the summary
 * @param conclusionWords the planned length of the conclusion
 */
public record Outline(String title, List<Section> sections, int summaryWords, int conclusionWords) {

  /** Words planned for the transition sentence that opens each section. */
  static final int TRANSITION_WORDS = 20;

  /** The fewest words a section is planned with. */
  static final int MIN_SECTION_WORDS = 80;

  /**
   * One planned section.
   *
   * @param index its number, from 1
   * @param title its title
   * @param questions what it must answer
   * @param words its planned length
   */
  public record Section(int index, String title, List<String> questions, int words) {
    /** Copies the list. */
    public Section {
      questions = List.copyOf(questions);
    }
  }

  /** Copies the list. */
  public Outline {
    sections = List.copyOf(sections);
  }

  /** What the model is asked for. */
  record Reply(
      @Description("the report's title") String title,
      @Description("the sections, in reading order") List<Proposed> sections) {}

  /** One section as the model proposes it. */
  record Proposed(
      @Description("the section's title") String title,
      @Description("the 2 to 5 questions the section must answer, each self-contained")
          List<String> questions,
      @Description("its share of the report's length, in words") int words) {}

  /** The words planned for the summary and for the conclusion of a report of {@code words}. */
  static int frameWords(int words) {
    return Math.max(60, words / 20);
  }

  /**
   * The plan from the model's {@code reply}: at most {@code sections} sections (the first ones),
   * their words scaled so that the report comes to {@code words}.
   *
   * @throws IllegalArgumentException if the reply has no usable section
   */
  static Outline plan(Reply reply, String topic, int sections, int words) {
    List<Proposed> proposed = new ArrayList<>();
    if (reply.sections() != null) {
      for (Proposed p : reply.sections()) {
        if (p != null && p.title() != null && !p.title().isBlank() && proposed.size() < sections) {
          proposed.add(p);
        }
      }
    }
    if (proposed.isEmpty()) {
      throw new IllegalArgumentException("the outline has no section with a title");
    }
    int frame = frameWords(words);
    int forSections =
        Math.max(
            proposed.size() * MIN_SECTION_WORDS,
            words - 2 * frame - proposed.size() * TRANSITION_WORDS);
    long weights = 0;
    for (Proposed p : proposed) {
      weights += Math.max(1, p.words());
    }
    List<Section> planned = new ArrayList<>();
    int given = 0;
    for (int i = 0; i < proposed.size(); i++) {
      Proposed p = proposed.get(i);
      int share =
          i == proposed.size() - 1
              ? forSections - given
              : (int) Math.round((double) forSections * Math.max(1, p.words()) / weights);
      share = Math.max(MIN_SECTION_WORDS, share);
      given += share;
      List<String> questions =
          p.questions() == null
              ? List.of()
              : p.questions().stream().filter(q -> q != null && !q.isBlank()).toList();
      planned.add(new Section(i + 1, p.title().strip(), questions, share));
    }
    String title = reply.title() == null || reply.title().isBlank() ? topic : reply.title().strip();
    return new Outline(title, planned, frame, frame);
  }

  /** The planned words of the whole report. */
  public int words() {
    return summaryWords
        + conclusionWords
        + sections.stream().mapToInt(s -> s.words() + TRANSITION_WORDS).sum();
  }

  /** The outline as recorded in the report's plan step. */
  JsonNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("title", title);
    node.put("summary_words", summaryWords);
    node.put("conclusion_words", conclusionWords);
    ArrayNode list = node.putArray("sections");
    for (Section s : sections) {
      ObjectNode section = list.addObject();
      section.put("index", s.index());
      section.put("title", s.title());
      ArrayNode questions = section.putArray("questions");
      s.questions().forEach(questions::add);
      section.put("words", s.words());
    }
    return node;
  }

  /** The outline recorded by {@link #toJson()}. */
  static Outline fromJson(JsonNode node) {
    List<Section> sections = new ArrayList<>();
    for (JsonNode s : node.path("sections")) {
      List<String> questions = new ArrayList<>();
      s.path("questions").forEach(q -> questions.add(q.asText()));
      sections.add(
          new Section(
              s.path("index").asInt(),
              s.path("title").asText(),
              questions,
              s.path("words").asInt()));
    }
    return new Outline(
        node.path("title").asText(),
        sections,
        node.path("summary_words").asInt(),
        node.path("conclusion_words").asInt());
  }
}
