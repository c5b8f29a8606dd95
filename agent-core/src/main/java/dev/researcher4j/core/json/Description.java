package dev.researcher4j.core.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes a type, record component, field, method or parameter for the model: the text becomes
 * the {@code description} of the generated JSON Schema. Write it for the model: what the value is,
 * its unit, examples.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.TYPE,
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER
})
public @interface Description {
  /** The description. */
  String value();
}
