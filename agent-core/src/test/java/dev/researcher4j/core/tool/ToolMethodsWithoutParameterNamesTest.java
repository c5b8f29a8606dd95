package dev.researcher4j.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.researcher4j.api.Tool;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tool classes compiled as Maven and Gradle compile them by default, without {@code -parameters}:
 * the failure says how to set the flag for either, and parameters named with {@code @ToolParam}
 * work without it.
 */
class ToolMethodsWithoutParameterNamesTest {

  @TempDir Path dir;

  private Object compileWithoutParameters(String className, String body) throws Exception {
    Path source = dir.resolve("wiki/" + className + ".java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        "package wiki;\n"
            + "import dev.researcher4j.core.tool.ToolMethod;\n"
            + "import dev.researcher4j.core.tool.ToolParam;\n"
            + "public class "
            + className
            + " {\n"
            + body
            + "\n}\n");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    int status =
        javac.run(
            null,
            messages,
            messages,
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            dir.toString(),
            source.toString());
    assertThat(status).as(messages.toString(StandardCharsets.UTF_8)).isZero();
    URLClassLoader loader =
        new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    return loader.loadClass("wiki." + className).getConstructor().newInstance();
  }

  @Test
  void unnamedParametersFailWithHowToSetTheFlagForMavenAndGradle() throws Exception {
    Object wiki =
        compileWithoutParameters(
            "Wiki",
            "@ToolMethod(\"Searches the wiki.\")\n"
                + "public String search(@ToolParam(\"words to look for\") String query) {"
                + " return query; }");

    assertThatThrownBy(() -> ToolMethods.from(wiki))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("@ToolMethod search: parameter names are not in the class file")
        .hasMessageContaining("<maven.compiler.parameters>true</maven.compiler.parameters>")
        .hasMessageContaining("options.compilerArgs.add(\"-parameters\")")
        .hasMessageContaining("@ToolParam(name = ...)");
  }

  @Test
  void parametersNamedWithToolParamNeedNoFlag() throws Exception {
    Object wiki =
        compileWithoutParameters(
            "NamedWiki",
            "@ToolMethod(\"Searches the wiki.\")\n"
                + "public String search(@ToolParam(name = \"query\", value = \"words\") String q) {"
                + " return q; }");

    List<Tool> tools = ToolMethods.from(wiki);

    assertThat(tools).singleElement();
    assertThat(tools.get(0).spec().parameters().path("properties").has("query")).isTrue();
  }
}
