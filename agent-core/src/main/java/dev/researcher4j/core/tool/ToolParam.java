package dev.researcher4j.core.tool;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a parameter of a {@link ToolMethod} for the model, and optionally names it.
 *
 * <p>Parameter names come from the class file when it was compiled with {@code -parameters};
 * otherwise every parameter needs a {@link #name()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ToolParam {

  /** What the argument is (unit, format, an example); the model reads this. */
  String value();

  /** The argument's name in the schema; default: the Java parameter name. */
  String name() default "";
}
