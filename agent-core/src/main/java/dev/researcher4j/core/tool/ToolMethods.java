package dev.researcher4j.core.tool;

import dev.researcher4j.api.Tool;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the {@link ToolMethod}-annotated methods of an object into {@link Tool}s.
 *
 * <p>The object must be thread-safe: its methods are called in parallel by one run and by many
 * concurrent runs. Methods of the object's class and its superclasses are found, public or not
 * (non-public ones are made accessible, which needs the package to be open to agent-core when you
 * use Java modules).
 */
public final class ToolMethods {
  private ToolMethods() {}

  /**
   * The tools of {@code target}, ordered by name.
   *
   * @throws IllegalArgumentException if it has none, if two share a name, or if a method cannot be
   *     a tool (the message says why: a parameter type with no JSON form, a missing parameter name)
   */
  public static List<Tool> from(Object target) {
    Objects.requireNonNull(target, "target");
    List<Tool> tools = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Class<?> type = target.getClass();
        type != null && type != Object.class;
        type = type.getSuperclass()) {
      for (Method method : type.getDeclaredMethods()) {
        ToolMethod annotation = method.getAnnotation(ToolMethod.class);
        if (annotation == null || method.isBridge() || method.isSynthetic()) {
          continue;
        }
        if (Modifier.isStatic(method.getModifiers())) {
          throw new IllegalArgumentException(
              "@ToolMethod " + method.getName() + " is static; annotate instance methods");
        }
        MethodTool tool = new MethodTool(target, method, annotation);
        if (!names.add(tool.spec().name())) {
          throw new IllegalArgumentException(
              "two @ToolMethod methods of "
                  + target.getClass().getName()
                  + " are named "
                  + tool.spec().name());
        }
        tools.add(tool);
      }
    }
    if (tools.isEmpty()) {
      throw new IllegalArgumentException(
          target.getClass().getName() + " has no method annotated with @ToolMethod");
    }
    tools.sort(Comparator.comparing(t -> t.spec().name()));
    return List.copyOf(tools);
  }
}
