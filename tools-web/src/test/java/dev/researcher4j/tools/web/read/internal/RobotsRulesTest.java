package dev.researcher4j.tools.web.read.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RobotsRulesTest {

  @Test
  void longestMatchWinsAndAllowWinsTies() {
    RobotsRules rules =
        RobotsRules.parse(
            "User-agent: *\nDisallow: /docs/\nAllow: /docs/public\nDisallow: /x\nAllow: /x\n",
            "researcher4j");

    assertThat(rules.allows("/docs/secret")).isFalse();
    assertThat(rules.allows("/docs/public/a")).isTrue();
    assertThat(rules.allows("/x")).isTrue();
    assertThat(rules.allows("/elsewhere")).isTrue();
  }

  @Test
  void supportsWildcardsAndEndAnchors() {
    RobotsRules rules =
        RobotsRules.parse(
            "User-agent: *\nDisallow: /*.pdf$\nDisallow: /search*q=\n", "researcher4j");

    assertThat(rules.allows("/files/report.pdf")).isFalse();
    assertThat(rules.allows("/files/report.pdf?download=1")).isTrue();
    assertThat(rules.allows("/search?lang=en&q=moss")).isFalse();
    assertThat(rules.allows("/search")).isTrue();
  }

  @Test
  void usesTheGroupNamingUsOverTheStarGroupAndIgnoresComments() {
    String robots =
        "# comment\nUser-agent: *\nDisallow: /\n\nUser-agent: OtherBot\n"
            + "User-agent: ReSeArChEr4j # us\nDisallow: /private\n";

    RobotsRules rules = RobotsRules.parse(robots, "researcher4j");

    assertThat(rules.allows("/public")).isTrue();
    assertThat(rules.allows("/private/x")).isFalse();
  }

  @Test
  void anEmptyDisallowAllowsEverything() {
    assertThat(RobotsRules.parse("User-agent: *\nDisallow:\n", "researcher4j").allows("/a"))
        .isTrue();
    assertThat(RobotsRules.DISALLOW_ALL.allows("/")).isFalse();
  }
}
