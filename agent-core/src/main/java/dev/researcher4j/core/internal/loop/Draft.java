package dev.researcher4j.core.internal.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.researcher4j.core.internal.cite.SourceIds;
import dev.researcher4j.core.internal.json.ReasoningText;
import dev.researcher4j.core.internal.structured.SourcedJson;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A draft final answer as the model wrote it, split into the short answer, the report body and the
 * sentences that cite something.
 *
 * @param answer the short answer, citation markers and emphasis removed
 * @param answerLine the answer line as written (it may cite sources too), or empty
 * @param body the report without the answer line and without any reference list the model wrote
 *     (the agent writes its own)
 * @param claims the sentences of answer line and body that cite ids or URLs, in order
 */
public record Draft(String answer, String answerLine, String body, List<Claim> claims) {

  /**
   * A sentence that cites.
   *
   * @param text the sentence exactly as in the draft
   * @param ids the source ids it cites
   * @param urls the URLs it cites
   * @param inBody whether it is part of the body (not the answer line)
   */
  public record Claim(String text, List<String> ids, List<String> urls, boolean inBody) {}

  private static final Pattern ANSWER_LINE =
      Pattern.compile(
          "(?im)^[ \\t>#*_-]*(?:final\\s+|short\\s+)?answer[ \\t*_]*[:：][ \\t*_]*(.*)$");
  private static final Pattern REPORT_LABEL =
      Pattern.compile("(?im)^[ \\t#*_]*report[ \\t*_]*:?[ \\t*_]*$\\n?");
  private static final Pattern REFERENCES_HEADING =
      Pattern.compile(
          "(?im)^[ \\t]*(?:#{1,6}[ \\t]*|\\*\\*)?(?:sources|references|bibliography|works cited|"
              + "citations|reference list)[ \\t]*:?[ \\t]*(?:\\*\\*)?[ \\t]*:?[ \\t]*$");
  private static final Pattern HEADING = Pattern.compile("(?m)^[ \\t]*#{1,6}[ \\t]");
  private static final Pattern URL = Pattern.compile("https?://[^\\s)\\]>\"'<]+");

  /**
   * The draft of a typed answer: the answer and body are its JSON, and each field citing sources is
   * a claim ({@link SourcedJson.Field#claim()}), so that fields are checked as claims are.
   */
  public static Draft structured(JsonNode answer) {
    List<Claim> claims = new ArrayList<>();
    for (SourcedJson.Field field : SourcedJson.fields(answer)) {
      if (!field.sourceIds().isEmpty()) {
        claims.add(new Claim(field.claim(), field.sourceIds(), List.of(), false));
      }
    }
    String json = answer.toString();
    return new Draft(json, "", json, List.copyOf(claims));
  }

  /** Parses the model's final message. */
  public static Draft parse(String text) {
    String clean = ReasoningText.split(text == null ? "" : text).answer().strip();
    String answer = "";
    String answerLine = "";
    String body = clean;
    Matcher line = ANSWER_LINE.matcher(clean);
    if (line.find()) {
      String rest = line.group(1).strip();
      int end = line.end();
      if (rest.replaceAll("[*_\\s]", "").isEmpty()) {
        // "Answer:" alone on its line: the answer is the next non-blank line.
        Matcher next = Pattern.compile("(?m)^(.*\\S.*)$").matcher(clean);
        if (next.find(Math.min(clean.length(), end + 1))) {
          rest = next.group(1).strip();
          end = next.end();
        }
      }
      answerLine = clean.substring(line.start(), end).strip();
      answer = plain(rest);
      body = (clean.substring(0, line.start()) + clean.substring(end)).strip();
    } else {
      for (String candidate : clean.split("\n")) {
        if (!candidate.isBlank() && !candidate.strip().startsWith("#")) {
          answer = plain(candidate);
          break;
        }
      }
    }
    body = REPORT_LABEL.matcher(body).replaceFirst("").strip();
    body = withoutReferenceList(body);
    List<Claim> claims = new ArrayList<>();
    if (!answerLine.isEmpty()) {
      addIfCites(claims, answerLine, false);
    }
    for (String sentence : sentences(body)) {
      addIfCites(claims, sentence, true);
    }
    if (answer.length() > 500) {
      answer = answer.substring(0, 500) + "…";
    }
    return new Draft(answer, answerLine, body, List.copyOf(claims));
  }

  private static void addIfCites(List<Claim> claims, String sentence, boolean inBody) {
    List<String> ids = SourceIds.find(sentence);
    List<String> urls = new ArrayList<>();
    Matcher url = URL.matcher(sentence);
    while (url.find()) {
      urls.add(url.group().replaceAll("[.,;:!?*_]+$", ""));
    }
    if (!ids.isEmpty() || !urls.isEmpty()) {
      claims.add(new Claim(sentence, ids, urls, inBody));
    }
  }

  /** The body without a trailing references section the model wrote. */
  static String withoutReferenceList(String body) {
    Matcher heading = REFERENCES_HEADING.matcher(body);
    if (!heading.find()) {
      return body;
    }
    int start = heading.start();
    Matcher next = HEADING.matcher(body);
    int end = body.length();
    if (next.find(heading.end())) {
      end = next.start();
    }
    return (body.substring(0, start) + body.substring(end)).strip();
  }

  /**
   * Splits text into sentences, line by line: a sentence ends at {@code .}, {@code !} or {@code ?}
   * followed by whitespace, and citation markers right after the end belong to it ("… in 1937.
   * [S3]").
   */
  static List<String> sentences(String text) {
    List<String> sentences = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || HEADING.matcher(line).lookingAt()) {
        continue;
      }
      int start = 0;
      int i = 0;
      int length = line.length();
      while (i < length) {
        char c = line.charAt(i);
        if ((c == '.' || c == '!' || c == '?')
            && (i + 1 == length
                || Character.isWhitespace(line.charAt(i + 1))
                || line.charAt(i + 1) == '[')) {
          int j = i + 1;
          while (true) {
            int k = j;
            while (k < length && line.charAt(k) == ' ') {
              k++;
            }
            Matcher marker = SourceIds.MARKER.matcher(line).region(k, length);
            if (k < length && marker.lookingAt()) {
              j = marker.end();
            } else {
              break;
            }
          }
          if (j == length || Character.isWhitespace(line.charAt(j))) {
            add(sentences, line.substring(start, j));
            start = j;
          }
          i = j;
          continue;
        }
        i++;
      }
      add(sentences, line.substring(start));
    }
    return sentences;
  }

  private static void add(List<String> sentences, String sentence) {
    String trimmed = sentence.strip();
    if (!trimmed.isEmpty()) {
      sentences.add(trimmed);
    }
  }

  /** Text without citation markers and Markdown emphasis. */
  static String plain(String text) {
    return Pattern.compile("\\s*" + SourceIds.MARKER.pattern())
        .matcher(text)
        .replaceAll("")
        .replaceAll("\\*\\*|__", "")
        .replaceAll("\\s+", " ")
        .strip();
  }
}
