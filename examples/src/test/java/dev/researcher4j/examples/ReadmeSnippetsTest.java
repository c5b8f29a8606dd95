package dev.researcher4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in the README is code the build compiles: each {@code ```java} block must
 * appear, line for line (indentation aside), in a source file of this module.
 */
class ReadmeSnippetsTest {

  private static final Pattern JAVA_BLOCK = Pattern.compile("(?s)```java\\n(.*?)```");

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    return dir;
  }

  private static String normalise(String code) {
    return code.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .reduce("", (a, b) -> a + b + "\n");
  }

  @Test
  void everyJavaSnippetOfTheReadmeIsCompiledByTheBuild() throws IOException {
    Path root = root();
    String readme = Files.readString(root.resolve("README.md"));
    List<String> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root.resolve("examples/src/main/java"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        sources.add(normalise(Files.readString(file)));
      }
    }
    Matcher block = JAVA_BLOCK.matcher(readme);
    int count = 0;
    while (block.find()) {
      String snippet = normalise(block.group(1));
      count++;
      assertThat(sources)
          .as("README snippet %d is in examples/src/main/java:%n%s", count, snippet)
          .anyMatch(s -> s.contains(snippet));
    }
    assertThat(count).as("java snippets in README").isPositive();
  }
}
