package dev.researcher4j.otel;

import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * Attribute keys and names: those of the OpenTelemetry GenAI semantic conventions ({@code gen_ai.*}
 * and the general {@code error.type}, {@code server.*}), and researcher4j's own ({@code
 * researcher4j.*}) for what the conventions do not cover.
 */
final class GenAi {
  private GenAi() {}

  static final String CHAT = "chat";
  static final String INVOKE_AGENT = "invoke_agent";
  static final String EXECUTE_TOOL = "execute_tool";

  static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");
  static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");
  static final AttributeKey<String> AGENT_NAME = stringKey("gen_ai.agent.name");
  static final AttributeKey<String> CONVERSATION_ID = stringKey("gen_ai.conversation.id");
  static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
  static final AttributeKey<Double> REQUEST_TEMPERATURE = doubleKey("gen_ai.request.temperature");
  static final AttributeKey<Double> REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
  static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
  static final AttributeKey<Long> REQUEST_SEED = longKey("gen_ai.request.seed");
  static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
      stringArrayKey("gen_ai.request.stop_sequences");
  static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
  static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");
  static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");
  static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  static final AttributeKey<Long> USAGE_OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
  static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_read.input_tokens");
  static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_creation.input_tokens");
  static final AttributeKey<String> TOOL_NAME = stringKey("gen_ai.tool.name");
  static final AttributeKey<String> TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
  static final AttributeKey<String> TOOL_TYPE = stringKey("gen_ai.tool.type");
  static final AttributeKey<String> TOOL_CALL_ARGUMENTS = stringKey("gen_ai.tool.call.arguments");
  static final AttributeKey<String> TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");
  static final AttributeKey<String> INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  static final AttributeKey<String> OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
  static final AttributeKey<String> SYSTEM_INSTRUCTIONS = stringKey("gen_ai.system_instructions");
  static final AttributeKey<String> TOKEN_TYPE = stringKey("gen_ai.token.type");
  static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  static final AttributeKey<Long> HTTP_STATUS = longKey("http.response.status_code");

  static final AttributeKey<String> RUN_ID = stringKey("researcher4j.run.id");
  static final AttributeKey<String> PARENT_RUN_ID = stringKey("researcher4j.parent_run.id");
  static final AttributeKey<String> TASK_ID = stringKey("researcher4j.task.id");
  static final AttributeKey<Long> TASK_ATTEMPT = longKey("researcher4j.task.attempt");
  static final AttributeKey<String> STOP_REASON = stringKey("researcher4j.stop_reason");
  static final AttributeKey<Long> SOURCE_COUNT = longKey("researcher4j.source_count");
  static final AttributeKey<Long> STEP_COUNT = longKey("researcher4j.steps");
  static final AttributeKey<Long> TOOL_CALL_COUNT = longKey("researcher4j.tool_calls");
  static final AttributeKey<Double> COST_USD = doubleKey("researcher4j.cost_usd");
  static final AttributeKey<Long> STEP_INDEX = longKey("researcher4j.step.index");
  static final AttributeKey<String> STEP_KIND = stringKey("researcher4j.step.kind");
  static final AttributeKey<String> TOOL_STATUS = stringKey("researcher4j.tool.status");
  static final AttributeKey<Long> TOOL_ATTEMPTS = longKey("researcher4j.tool.attempts");
  static final AttributeKey<List<String>> TOOL_SOURCE_IDS =
      stringArrayKey("researcher4j.tool.source_ids");
  static final AttributeKey<List<String>> CHILD_RUN_IDS =
      stringArrayKey("researcher4j.tool.child_run_ids");
  static final AttributeKey<String> RETRY_TARGET = stringKey("researcher4j.retry.target");
  static final AttributeKey<Long> RETRY_ATTEMPT = longKey("researcher4j.retry.attempt");
  static final AttributeKey<Long> RETRY_DELAY_MS = longKey("researcher4j.retry.delay_ms");
  static final AttributeKey<String> RETRY_ERROR = stringKey("researcher4j.retry.error");
  static final AttributeKey<Long> TOKENS_BEFORE = longKey("researcher4j.compaction.tokens_before");
  static final AttributeKey<Long> TOKENS_AFTER = longKey("researcher4j.compaction.tokens_after");
  static final AttributeKey<String> BUDGET = stringKey("researcher4j.budget");
  static final AttributeKey<Double> BUDGET_FRACTION =
      doubleKey("researcher4j.budget.fraction_used");

  static final String RETRY_EVENT = "researcher4j.retry";
  static final String COMPACTION_EVENT = "researcher4j.compaction";
  static final String BUDGET_WARNING_EVENT = "researcher4j.budget_warning";

  static final String DURATION_METRIC = "gen_ai.client.operation.duration";
  static final String TOKEN_USAGE_METRIC = "gen_ai.client.token.usage";

  /** The bucket boundaries the conventions advise for {@value #DURATION_METRIC}, in seconds. */
  static final List<Double> DURATION_BUCKETS =
      List.of(
          0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  /** The bucket boundaries the conventions advise for {@value #TOKEN_USAGE_METRIC}. */
  static final List<Long> TOKEN_BUCKETS =
      List.of(
          1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
          16777216L, 67108864L);
}
