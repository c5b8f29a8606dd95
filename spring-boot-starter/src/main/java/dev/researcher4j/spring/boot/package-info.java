/**
 * Spring Boot auto-configuration for researcher4j: a {@link dev.researcher4j.api.ChatModel}, tools
 * and a {@link dev.researcher4j.core.ResearchAgent} from {@code researcher4j.*} properties; see
 * {@link dev.researcher4j.spring.boot.ResearcherAutoConfiguration}.
 */
package dev.researcher4j.spring.boot;
