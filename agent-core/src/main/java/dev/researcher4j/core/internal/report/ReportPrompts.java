package dev.researcher4j.core.internal.report;

import dev.researcher4j.core.internal.loop.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The texts a long report sends to its model, from resources beside the public report classes. */
final class ReportPrompts {
  private ReportPrompts() {}

  static final String OUTLINE = text("outline.md");
  static final String SECTION_RESEARCH = text("section-research.md");
  static final String SECTION_WRITER = text("section-writer.md");
  static final String SECTION_REVISION = text("section-revision.md");
  static final String ASSEMBLY = text("assembly.md");

  static String render(String template, Map<String, String> values) {
    return Template.render(template, values);
  }

  private static String text(String name) {
    String path = "/dev/researcher4j/core/report/" + name;
    try (InputStream in = ReportPrompts.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("prompt resource missing from the jar: " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt resource " + path, e);
    }
  }
}
