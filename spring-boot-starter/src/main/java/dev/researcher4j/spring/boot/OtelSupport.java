package dev.researcher4j.spring.boot;

import dev.researcher4j.api.AgentListener;
import dev.researcher4j.otel.OpenTelemetryListener;
import io.opentelemetry.api.OpenTelemetry;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The OpenTelemetry listener, when agent-otel and the OpenTelemetry API are on the class path, an
 * {@link OpenTelemetry} bean exists and no {@link OpenTelemetryListener} bean was defined. Loaded
 * only after {@link #available(ClassLoader)} said so.
 */
final class OtelSupport {
  private OtelSupport() {}

  static boolean available(ClassLoader loader) {
    return ClassUtils.isPresent("dev.researcher4j.otel.OpenTelemetryListener", loader)
        && ClassUtils.isPresent("io.opentelemetry.api.OpenTelemetry", loader);
  }

  static Optional<AgentListener> listener(
      ListableBeanFactory beans, ResearcherProperties properties, List<AgentListener> existing) {
    if (!properties.getOtel().isEnabled()
        || existing.stream().anyMatch(l -> l instanceof OpenTelemetryListener)) {
      return Optional.empty();
    }
    return beans.getBeanProvider(OpenTelemetry.class).stream()
        .findFirst()
        .map(
            otel -> {
              OpenTelemetryListener.Builder builder =
                  OpenTelemetryListener.builder(otel)
                      .captureContent(properties.getOtel().isCaptureContent())
                      .secret(properties.getOpenai().getApiKey())
                      .secret(properties.getAnthropic().getApiKey());
              return builder.build();
            });
  }
}
