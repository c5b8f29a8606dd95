package dev.researcher4j.examples;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of DESIGN.md that keep the architecture from rotting, checked on the compiled classes
 * of every module of the build (read from each module's {@code target/classes}, so a module nobody
 * here depends on is checked too): no package cycles, no module using another module's {@code
 * internal} packages, and no agent-core source file past 500 lines (one job per class).
 *
 * <p>Runs in this module because the reactor builds it last, after every module it reads.
 */
class ArchitectureTest {

  /** Most lines of an agent-core source file. */
  static final int MAX_LINES = 500;

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final Map<String, JavaClasses> MODULES = new LinkedHashMap<>();

  private static JavaClasses all;

  @BeforeAll
  static void importEveryModule() throws IOException {
    String pom = Files.readString(ROOT.resolve("pom.xml"));
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
    List<Path> dirs = new ArrayList<>();
    while (module.find()) {
      Path classes = ROOT.resolve(module.group(1)).resolve("target/classes");
      if (Files.isDirectory(classes.resolve("dev"))) {
        MODULES.put(module.group(1), new ClassFileImporter().importPath(classes));
        dirs.add(classes);
      }
    }
    assertThat(MODULES).as("modules with compiled classes").containsKeys("agent-api", "agent-core");
    all = new ClassFileImporter().importPaths(dirs);
  }

  @Test
  void noPackageIsPartOfACycle() {
    slices()
        .assignedFrom(
            new SliceAssignment() {
              @Override
              public SliceIdentifier getIdentifierOf(JavaClass type) {
                String name = type.getPackageName();
                if (!name.startsWith("dev.researcher4j.")) {
                  return SliceIdentifier.ignore();
                }
                return SliceIdentifier.of(component(name));
              }

              @Override
              public String getDescription() {
                return "packages with their internal implementation packages";
              }
            })
        .should()
        .beFreeOfCycles()
        .check(all);
  }

  /**
   * The component of a package: {@code x.internal.y} and {@code x.y.internal} belong to {@code
   * x.y}.
   */
  static String component(String packageName) {
    return packageName
        .substring("dev.researcher4j.".length())
        .replaceFirst("\\.internal\\b", "")
        .replaceFirst("^\\.", "");
  }

  @Test
  void componentsFoldOnlyTheirOwnImplementationPackages() {
    assertThat(component("dev.researcher4j.core.internal.trajectory")).isEqualTo("core.trajectory");
    assertThat(component("dev.researcher4j.tools.web.read.internal")).isEqualTo("tools.web.read");
    assertThat(component("dev.researcher4j.core.internal.loop")).isEqualTo("core.loop");
    assertThat(component("dev.researcher4j.core.tool")).isEqualTo("core.tool");
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackages() {
    Map<String, String> moduleOf = new LinkedHashMap<>();
    MODULES.forEach((name, classes) -> classes.forEach(c -> moduleOf.put(c.getName(), name)));
    List<String> violations = new ArrayList<>();
    MODULES.forEach(
        (name, classes) -> {
          for (JavaClass type : classes) {
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
              JavaClass target = dependency.getTargetClass();
              String owner = moduleOf.get(target.getName());
              if (owner != null
                  && !owner.equals(name)
                  && target.getPackageName().contains(".internal")) {
                violations.add(name + ": " + dependency.getDescription());
              }
            }
          }
        });
    assertThat(violations).as("uses of another module's internal packages").isEmpty();
  }

  @Test
  void noAgentCoreSourceFileIsLongerThan500Lines() {
    List<String> tooLong = new ArrayList<>();
    try (Stream<Path> files = Files.walk(ROOT.resolve("agent-core/src/main/java"))) {
      files
          .filter(f -> f.toString().endsWith(".java"))
          .forEach(
              f -> {
                long lines = lines(f);
                if (lines > MAX_LINES) {
                  tooLong.add(ROOT.relativize(f) + " (" + lines + " lines)");
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(tooLong).as("agent-core files over " + MAX_LINES + " lines").isEmpty();
  }

  private static long lines(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
