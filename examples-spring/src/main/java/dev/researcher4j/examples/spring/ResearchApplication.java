package dev.researcher4j.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The example application. Configure the model in {@code application.properties} or the environment
 * ({@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}, {@code RESEARCHER_MODEL}), then {@code curl -X
 * POST localhost:8080/research -H 'Content-Type: application/json' -d '{"question":"..."}'} and
 * follow the {@code events} link it returns.
 */
@SpringBootApplication
public class ResearchApplication {

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(ResearchApplication.class, args);
  }
}
