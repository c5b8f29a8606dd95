package dev.researcher4j.spring.boot;

import dev.researcher4j.api.Tool;
import dev.researcher4j.core.tool.ToolMethod;
import dev.researcher4j.core.tool.ToolMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the singleton beans with methods annotated {@link ToolMethod} and turns them into tools
 * with {@link ToolMethods#from(Object)}. Only beans whose class declares such a method are created
 * early; proxies are fine, since the methods are called through the bean.
 */
final class ToolMethodBeans {
  private ToolMethodBeans() {}

  /** The tools of every {@code @ToolMethod} bean in {@code factory}, in bean definition order. */
  static List<Tool> find(ConfigurableListableBeanFactory factory) {
    List<Tool> tools = new ArrayList<>();
    for (String name : factory.getBeanNamesForType(Object.class, false, false)) {
      Class<?> type = factory.getType(name, false);
      if (type == null || !hasToolMethod(ClassUtils.getUserClass(type))) {
        continue;
      }
      tools.addAll(ToolMethods.from(factory.getBean(name)));
    }
    return tools;
  }

  private static boolean hasToolMethod(Class<?> type) {
    AtomicBoolean found = new AtomicBoolean();
    ReflectionUtils.doWithMethods(
        type,
        method -> found.set(true),
        method -> !found.get() && AnnotatedElementUtils.hasAnnotation(method, ToolMethod.class));
    return found.get();
  }
}
