package dev.researcher4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The BOM stands alone (a BOM inheriting the parent would pass the parent's third-party pins on to
 * its users), so what the build cannot check for it is checked here: it pins every published module
 * of the reactor, at the project's version, and carries the metadata Maven Central asks for, the
 * same as the parent's. The parent's metadata reaches every other module by inheritance and is
 * checked on each effective POM by the enforcer's central-metadata rules.
 */
class BuildFilesTest {

  /** Modules of the reactor that are not published, so not in the BOM. */
  private static final List<String> UNPUBLISHED = List.of("examples", "examples-spring", "bom");

  private static final XPath XPATH = XPathFactory.newInstance().newXPath();

  private static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("bom/pom.xml"))) {
      dir = dir.getParent();
    }
    assertThat(dir)
        .as("the project's root (with bom/pom.xml) above the working directory")
        .isNotNull();
    return dir;
  }

  private static Document pom(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static String text(Document pom, String path) throws Exception {
    return ((String) XPATH.evaluate(path, pom, XPathConstants.STRING)).strip();
  }

  private static List<String> texts(Document pom, String path) throws Exception {
    NodeList nodes = (NodeList) XPATH.evaluate(path, pom, XPathConstants.NODESET);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      values.add(node.getTextContent().replaceAll("\\s+", " ").strip());
    }
    return values;
  }

  @Test
  void theBomPinsEveryPublishedModuleAtTheProjectVersion() throws Exception {
    Path root = root();
    Document parent = pom(root.resolve("pom.xml"));
    Document bom = pom(root.resolve("bom/pom.xml"));
    List<String> published = new ArrayList<>();
    for (String module : texts(parent, "/project/modules/module")) {
      if (!UNPUBLISHED.contains(module)) {
        published.add(text(pom(root.resolve(module).resolve("pom.xml")), "/project/artifactId"));
      }
    }

    assertThat(published).isNotEmpty();
    assertThat(texts(parent, "/project/modules/module")).contains("bom");
    assertThat(text(bom, "/project/artifactId")).isEqualTo("researcher4j-bom");
    assertThat(text(bom, "/project/version")).isEqualTo(text(parent, "/project/version"));
    assertThat(texts(bom, "/project/dependencyManagement/dependencies/dependency/artifactId"))
        .as("artifacts the BOM pins (see the note at the top of bom/pom.xml to add one)")
        .containsExactlyInAnyOrderElementsOf(published);
    assertThat(texts(bom, "/project/dependencyManagement/dependencies/dependency/version"))
        .containsOnly("${project.version}");
    assertThat(texts(bom, "/project/dependencyManagement/dependencies/dependency/groupId"))
        .containsOnly("dev.researcher4j");
    assertThat(texts(bom, "/project/parent")).as("a BOM with a parent leaks its pins").isEmpty();
  }

  @Test
  void theBomAndTheParentCarryTheMetadataMavenCentralRequires() throws Exception {
    Path root = root();
    Document parent = pom(root.resolve("pom.xml"));
    Document bom = pom(root.resolve("bom/pom.xml"));

    for (String path :
        List.of(
            "/project/url",
            "/project/licenses",
            "/project/developers",
            "/project/scm",
            "/project/issueManagement")) {
      assertThat(texts(bom, path)).as(path).isEqualTo(texts(parent, path));
    }
    assertThat(text(parent, "/project/url")).startsWith("https://");
    assertThat(text(parent, "/project/licenses/license/name")).isEqualTo("Apache-2.0");
    assertThat(text(parent, "/project/licenses/license/url")).startsWith("https://");
    assertThat(text(parent, "/project/developers/developer/name")).isNotBlank();
    assertThat(text(parent, "/project/scm/url")).startsWith("https://");
    assertThat(text(parent, "/project/scm/connection")).startsWith("scm:git:");
    assertThat(text(bom, "/project/name")).isNotBlank();
    assertThat(text(bom, "/project/description")).isNotBlank();
    assertThat(Files.readString(root.resolve("LICENSE")))
        .contains("Apache License")
        .contains("Version 2.0, January 2004");
  }
}
