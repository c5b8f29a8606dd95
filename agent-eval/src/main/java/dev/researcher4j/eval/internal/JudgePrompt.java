package dev.researcher4j.eval.internal;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.researcher4j.api.ChatOptions;
import dev.researcher4j.api.ChatRequest;
import dev.researcher4j.api.Message;
import dev.researcher4j.core.json.Description;
import dev.researcher4j.core.json.StructuredOutput;
import dev.researcher4j.eval.EvalItem;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The judge's prompt and the reading of its verdict, in the manner of the HLE and BrowseComp
 * judges: the judge extracts the response's final answer, reasons only about whether it agrees with
 * the reference, says yes or no, and copies the response's stated confidence.
 */
public final class JudgePrompt {
  private JudgePrompt() {}

  /** The structured verdict asked of the judge. */
  public record Verdict(
      @Description("The final answer given in the response, copied exactly; None if it gives none")
          @JsonAlias({"extracted_final_answer", "extracted_answer", "final_answer"})
          String extractedFinalAnswer,
      @Description(
              "Only whether the extracted answer and the reference agree or differ in a way that"
                  + " matters; do not solve the question")
          String reasoning,
      @Description("yes if the extracted answer is equivalent to the reference answer, else no")
          @JsonAlias({"is_correct", "verdict"})
          String correct,
      @Description("The confidence from 0 to 100 that the response states; 100 if it states none")
          String confidence) {}

  static final String SYSTEM =
      "You grade answers to research questions. You compare a response's final answer with a"
          + " reference answer that is known to be right. You never solve the question yourself"
          + " and never argue for an answer other than the reference.";

  /** The request asking the judge for a verdict on {@code response}. */
  public static ChatRequest request(
      EvalItem item, String response, ChatOptions options, boolean schemaFormat) {
    String user =
        "Decide whether the response below answers the question correctly. The reference answer"
            + " is the only standard.\n\n"
            + "<question>\n"
            + item.question().strip()
            + "\n</question>\n\n"
            + "<response>\n"
            + response.strip()
            + "\n</response>\n\n"
            + "<reference_answer>\n"
            + item.answer().strip()
            + "\n</reference_answer>\n\n"
            + "Reply with one JSON object and nothing else, with these fields:\n"
            + "- \"extractedFinalAnswer\": the final answer the response commits to, copied"
            + " exactly as written. Write \"None\" if the response commits to no final answer.\n"
            + "- \"reasoning\": a short explanation of whether the extracted answer and the"
            + " reference answer agree, pointing only at differences that change the meaning. Do"
            + " not comment on the question's background, do not try to solve it, and do not"
            + " argue for any answer other than the reference.\n"
            + "- \"correct\": \"yes\" if the extracted answer is equivalent to the reference"
            + " answer: the same meaning, whatever the wording, case or formatting, and for"
            + " numbers equal or off by a small margin of rounding only. Otherwise \"no\": any"
            + " inconsistency, ambiguity, missing part, hedge between several answers, or"
            + " different value means \"no\".\n"
            + "- \"confidence\": the confidence between 0 and 100 that the response itself states"
            + " for its answer; 100 if it states none.";
    ChatRequest request =
        ChatRequest.builder()
            .addMessage(Message.system(SYSTEM))
            .addMessage(Message.user(user))
            .options(options)
            .build();
    return schemaFormat
        ? StructuredOutput.withSchemaFormat(request, "verdict", Verdict.class)
        : request;
  }

  /** A verdict's "correct" field read as a yes or no, or empty when it is neither. */
  public static Optional<Boolean> yesNo(String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    switch (v) {
      case "yes":
      case "y":
      case "true":
      case "correct":
        return Optional.of(true);
      case "no":
      case "n":
      case "false":
      case "incorrect":
        return Optional.of(false);
      default:
        return Optional.empty();
    }
  }

  private static final Pattern TEXT_CORRECT =
      Pattern.compile("(?im)^[\\W_]*correct[\\W_]*?\\s*[:：]\\s*[*_\"']*\\s*(yes|no)\\b");
  private static final Pattern TEXT_ANSWER =
      Pattern.compile("(?im)^[\\W_]*extracted[_ ]final[_ ]answer[*_]*\\s*[:：]\\s*(.*?)\\s*$");
  private static final Pattern TEXT_CONFIDENCE =
      Pattern.compile(
          "(?im)^[\\W_]*confidence[*_]*\\s*[:：]\\s*[*_]*\\s*([0-9]+(?:\\.[0-9]+)?\\s*%?)");
  private static final Pattern TEXT_REASONING =
      Pattern.compile(
          "(?ims)^[\\W_]*reasoning[*_]*\\s*[:：]\\s*(.*?)\\s*(?=^[\\W_]*correct[\\W_]*?\\s*[:：])");

  /**
   * Reads a verdict written as labelled lines ({@code extracted_final_answer: …}, {@code correct:
   * yes}, {@code confidence: 80}), as the HLE and BrowseComp judge templates ask, for judges that
   * ignore the request for JSON. The answer is group 1 of the {@code correct:} line — the word, not
   * the whole match (BrowseComp's shipped parser returned the whole match and so never counted
   * anything correct).
   */
  public static Optional<Verdict> fromLabelledText(String text) {
    if (text == null) {
      return Optional.empty();
    }
    List<String> corrects = all(TEXT_CORRECT, text);
    if (corrects.isEmpty()) {
      return Optional.empty();
    }
    String answer = last(TEXT_ANSWER, text);
    String reasoning = last(TEXT_REASONING, text);
    String confidence = last(TEXT_CONFIDENCE, text);
    return Optional.of(
        new Verdict(answer, reasoning, corrects.get(corrects.size() - 1), confidence));
  }

  private static List<String> all(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    List<String> found = new java.util.ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static String last(Pattern pattern, String text) {
    List<String> found = all(pattern, text);
    return found.isEmpty() ? "" : found.get(found.size() - 1);
  }
}
