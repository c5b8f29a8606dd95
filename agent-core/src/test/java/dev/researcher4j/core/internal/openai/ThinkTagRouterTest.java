package dev.researcher4j.core.internal.openai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThinkTagRouterTest {

  private final List<String> out = new ArrayList<>();
  private final ThinkTagRouter router =
      new ThinkTagRouter(t -> out.add("text:" + t), r -> out.add("reasoning:" + r));

  @Test
  void textWithoutTagsPassesThroughAsItArrives() {
    router.feed("Paris ");
    router.feed("is the capital.");

    assertThat(out).containsExactly("text:Paris ", "text:is the capital.");
  }

  @Test
  void aBlockGoesToReasoningAndTheRestToText() {
    router.feed("<think>check S1</think>Paris");
    router.flush();

    assertThat(out).containsExactly("reasoning:check S1", "text:Paris");
  }

  @Test
  void tagsSplitAcrossDeltasAreRecognised() {
    for (String delta : List.of("<", "thi", "nk>a", "b</", "THINK", ">c")) {
      router.feed(delta);
    }
    router.flush();

    assertThat(out).containsExactly("reasoning:a", "reasoning:b", "text:c");
  }

  @Test
  void textThatOnlyLooksLikeTheStartOfATagIsReleasedByTheNextDelta() {
    router.feed("a <");
    assertThat(out).containsExactly("text:a ");

    router.feed("b");
    assertThat(out).containsExactly("text:a ", "text:<b");
  }

  @Test
  void flushReleasesAHeldBackPrefixAndAnUnclosedBlockStaysReasoning() {
    router.feed("<thinking>still thinking <");
    router.flush();

    assertThat(out).containsExactly("reasoning:still thinking ", "reasoning:<");
  }

  @Test
  void anglesThatStartNoTagAreTextAndALaterTagIsStillFound() {
    router.feed("if a<b and b>c then <think>so a<c");
    router.feed("</think>yes <i>really</i>");
    router.flush();

    assertThat(out)
        .containsExactly("text:if a<b and b>c then ", "reasoning:so a<c", "text:yes <i>really</i>");
  }

  @Test
  void onlyATagStartAtTheVeryEndIsHeldBackBehindEarlierAngles() {
    router.feed("x < y and <reas");
    assertThat(out).containsExactly("text:x < y and ");

    router.feed("oning>r</reasoning>z");
    router.flush();
    assertThat(out).containsExactly("text:x < y and ", "reasoning:r", "text:z");
  }

  @Test
  void reasoningThatMentionsAnotherOpeningTagStaysReasoning() {
    router.feed("<think>Should I answer in <reasoning> tags? No.</think>Paris");
    router.flush();

    assertThat(out)
        .containsExactly("reasoning:Should I answer in <reasoning> tags? No.", "text:Paris");
  }

  @Test
  void aBlockOpenedAndClosedInOneDeltaAfterTextIsSplitThere() {
    router.feed("Hi <THINKING>x</Thinking> there");
    router.flush();

    assertThat(out).containsExactly("text:Hi ", "reasoning:x", "text: there");
  }
}
