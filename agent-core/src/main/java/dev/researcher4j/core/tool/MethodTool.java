package dev.researcher4j.core.tool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.researcher4j.api.Tool;
import dev.researcher4j.api.ToolCall;
import dev.researcher4j.api.ToolContext;
import dev.researcher4j.api.ToolResult;
import dev.researcher4j.api.ToolSpec;
import dev.researcher4j.core.internal.json.JsonExtraction;
import dev.researcher4j.core.json.Description;
import dev.researcher4j.core.json.JsonSchemas;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A {@link ToolMethod}-annotated method bound to its object. Thread-safe if the object is. */
final class MethodTool implements Tool {

  /** Writes non-text return values; dates as ISO strings. */
  private static final ObjectMapper RESULT_JSON =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private record Param(String name, JavaType type, boolean context, boolean optional) {}

  private final Object target;
  private final Method method;
  private final ToolSpec spec;
  private final List<Param> params;

  MethodTool(Object target, Method method, ToolMethod annotation) {
    this.target = target;
    this.method = method;
    try {
      method.setAccessible(true);
    } catch (InaccessibleObjectException | SecurityException e) {
      throw new IllegalArgumentException(
          "cannot call @ToolMethod "
              + method
              + ": open its package to dev.researcher4j.core or make it public",
          e);
    }
    String name = annotation.name().isBlank() ? snakeCase(method.getName()) : annotation.name();
    Map<String, Type> properties = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    List<Param> bound = new ArrayList<>();
    for (Parameter parameter : method.getParameters()) {
      if (ToolContext.class.equals(parameter.getType())) {
        bound.add(new Param("", null, true, false));
        continue;
      }
      String paramName = parameterName(method, parameter);
      if (properties.containsKey(paramName)) {
        throw new IllegalArgumentException(
            "@ToolMethod " + method.getName() + " has two parameters named " + paramName);
      }
      Type type = parameter.getParameterizedType();
      properties.put(paramName, type);
      descriptions.put(paramName, describe(parameter));
      bound.add(
          new Param(
              paramName,
              // The mapper's own factory: it knows the Jdk8 module's Optional handling.
              JsonExtraction.LENIENT.getTypeFactory().constructType(type),
              false,
              isOptional(type)));
    }
    try {
      this.spec =
          ToolSpec.of(
              name, annotation.value(), JsonSchemas.forProperties(properties, descriptions));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "@ToolMethod " + method.getName() + " cannot be a tool: " + e.getMessage(), e);
    }
    this.params = List.copyOf(bound);
  }

  @Override
  public ToolSpec spec() {
    return spec;
  }

  @Override
  public ToolResult execute(ToolCall call, ToolContext context) throws Exception {
    if (!call.hasValidArguments()) {
      throw new ToolArgumentsException(call.argumentsError());
    }
    JsonNode arguments = call.parsedArguments();
    Object[] values = new Object[params.size()];
    for (int i = 0; i < params.size(); i++) {
      values[i] = bind(params.get(i), arguments, context);
    }
    Object returned;
    try {
      returned = method.invoke(target, values);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception exception) {
        throw exception;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
    return toResult(returned);
  }

  private static Object bind(Param param, JsonNode arguments, ToolContext context) {
    if (param.context()) {
      return context;
    }
    JsonNode value = arguments.get(param.name());
    if (value == null || value.isNull()) {
      if (param.optional()) {
        return Optional.empty();
      }
      throw new ToolArgumentsException("missing required argument '" + param.name() + "'");
    }
    try {
      return JsonExtraction.LENIENT.convertValue(value, param.type());
    } catch (IllegalArgumentException e) {
      throw new ToolArgumentsException(
          "argument '" + param.name() + "' has the wrong shape: " + firstLine(e.getMessage()), e);
    }
  }

  private static ToolResult toResult(Object returned) throws JsonProcessingException {
    if (returned == null) {
      return ToolResult.of("(done; no result)");
    }
    if (returned instanceof ToolResult result) {
      return result;
    }
    if (returned instanceof CharSequence text) {
      return ToolResult.of(text.toString());
    }
    if (returned instanceof Optional<?> optional) {
      return optional.isEmpty() ? ToolResult.of("(no result)") : toResult(optional.get());
    }
    return ToolResult.of(RESULT_JSON.writeValueAsString(returned));
  }

  private static String parameterName(Method method, Parameter parameter) {
    ToolParam annotation = parameter.getAnnotation(ToolParam.class);
    if (annotation != null && !annotation.name().isBlank()) {
      return annotation.name();
    }
    if (!parameter.isNamePresent()) {
      throw new IllegalArgumentException(
          "@ToolMethod "
              + method.getName()
              + ": parameter names are not in the class file; compile with -parameters (Maven:"
              + " <maven.compiler.parameters>true</maven.compiler.parameters>; Gradle:"
              + " options.compilerArgs.add(\"-parameters\") in tasks.withType(JavaCompile)) or"
              + " name each parameter with @ToolParam(name = ...)");
    }
    return parameter.getName();
  }

  private static String describe(Parameter parameter) {
    ToolParam toolParam = parameter.getAnnotation(ToolParam.class);
    if (toolParam != null && !toolParam.value().isBlank()) {
      return toolParam.value();
    }
    Description description = parameter.getAnnotation(Description.class);
    return description == null ? "" : description.value();
  }

  private static boolean isOptional(Type type) {
    return type instanceof ParameterizedType p && Optional.class.equals(p.getRawType())
        || Optional.class.equals(type);
  }

  static String snakeCase(String name) {
    return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    int newline = text.indexOf('\n');
    String line = newline < 0 ? text : text.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }

  @Override
  public String toString() {
    return "MethodTool{" + spec.name() + " -> " + method + '}';
  }
}
