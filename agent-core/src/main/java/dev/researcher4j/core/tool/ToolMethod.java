package dev.researcher4j.core.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method as a tool; {@link ToolMethods#from(Object)} turns every such method of an object
 * into a {@link dev.researcher4j.api.Tool}.
 *
 * <p>Parameters become the properties of the argument schema: simple values, enums, records,
 * collections, maps and {@link java.util.Optional} (optional arguments; every other parameter is
 * required). Describe them with {@link ToolParam} or {@link
 * dev.researcher4j.core.json.Description}. A parameter of type {@link
 * dev.researcher4j.api.ToolContext} receives the call's context and is not shown to the model. The
 * method may return a {@code String}, a {@link dev.researcher4j.api.ToolResult} (to return sources
 * or an error), {@code void}, or any value Jackson can write (records become JSON). It may throw:
 * the run turns the exception into an error observation.
 *
 * <pre>{@code
 * class Weather {
 *   @ToolMethod("Current temperature in a city, in degrees Celsius.")
 *   double temperature(@ToolParam("city name, e.g. Paris") String city) { ... }
 * }
 * List<Tool> tools = ToolMethods.from(new Weather());
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ToolMethod {

  /** What the tool does and when to use it; the model reads this. */
  String value();

  /**
   * The tool's name; default: the method name in {@code snake_case} ({@code searchPapers} becomes
   * {@code search_papers}).
   */
  String name() default "";
}
