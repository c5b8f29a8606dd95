package dev.researcher4j.tools.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxLimitsTest {

  @Test
  void defaultsAreTheDocumentedConstants() {
    SandboxLimits limits = SandboxLimits.ofDefaults();

    assertThat(limits.timeLimit()).isEqualTo(SandboxLimits.DEFAULT_TIME_LIMIT);
    assertThat(limits.maxAllocatedBytes()).isEqualTo(SandboxLimits.DEFAULT_MAX_ALLOCATED_BYTES);
    assertThat(limits.maxOutputChars()).isEqualTo(SandboxLimits.DEFAULT_MAX_OUTPUT_CHARS);
    assertThat(limits.maxCodeChars()).isEqualTo(SandboxLimits.DEFAULT_MAX_CODE_CHARS);
  }

  @Test
  void badValuesAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> SandboxLimits.custom().timeLimit(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("but was PT0S");
    assertThatThrownBy(() -> SandboxLimits.custom().maxAllocatedBytes(1000))
        .hasMessageContaining("but was 1000");
    assertThatThrownBy(() -> SandboxLimits.custom().maxOutputChars(5))
        .hasMessageContaining("but was 5");
    assertThatThrownBy(() -> SandboxLimits.custom().maxCodeChars(-1))
        .hasMessageContaining("but was -1");
    assertThatThrownBy(() -> SandboxLimits.custom().timeLimit(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void fromCopiesEveryLimit() {
    SandboxLimits base =
        SandboxLimits.custom()
            .timeLimit(Duration.ofSeconds(3))
            .maxAllocatedBytes(8L << 20)
            .maxOutputChars(500)
            .maxCodeChars(700)
            .build();

    SandboxLimits copy = SandboxLimits.from(base).build();

    assertThat(copy).hasToString(base.toString());
  }

  @Test
  void thePolicyTurnsOffTheCacheAndOutlastsTheTimeLimit() {
    RunCodeTool tool =
        RunCodeTool.create(SandboxLimits.custom().timeLimit(Duration.ofSeconds(10)).build());

    assertThat(tool.policy().cacheRepeatedCalls()).isFalse();
    assertThat(tool.policy().timeout()).isGreaterThan(Duration.ofSeconds(10));
    tool.close();
  }
}
