package dev.researcher4j.otel.internal;

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
public final class GenAi {
  private GenAi() {}

  public static final String CHAT = "chat";
  public static final String INVOKE_AGENT = "invoke_agent";
  public static final String EXECUTE_TOOL = "execute_tool";

  public static final AttributeKey<String> OPERATION_NAME = stringKey("gen_ai.operation.name");
  public static final AttributeKey<String> PROVIDER_NAME = stringKey("gen_ai.provider.name");
  public static final AttributeKey<String> AGENT_NAME = stringKey("gen_ai.agent.name");
  public static final AttributeKey<String> CONVERSATION_ID = stringKey("gen_ai.conversation.id");
  public static final AttributeKey<String> REQUEST_MODEL = stringKey("gen_ai.request.model");
  public static final AttributeKey<Double> REQUEST_TEMPERATURE =
      doubleKey("gen_ai.request.temperature");
  public static final AttributeKey<Double> REQUEST_TOP_P = doubleKey("gen_ai.request.top_p");
  public static final AttributeKey<Long> REQUEST_MAX_TOKENS = longKey("gen_ai.request.max_tokens");
  public static final AttributeKey<Long> REQUEST_SEED = longKey("gen_ai.request.seed");
  public static final AttributeKey<List<String>> REQUEST_STOP_SEQUENCES =
      stringArrayKey("gen_ai.request.stop_sequences");
  public static final AttributeKey<String> RESPONSE_MODEL = stringKey("gen_ai.response.model");
  public static final AttributeKey<String> RESPONSE_ID = stringKey("gen_ai.response.id");
  public static final AttributeKey<List<String>> RESPONSE_FINISH_REASONS =
      stringArrayKey("gen_ai.response.finish_reasons");
  public static final AttributeKey<Long> USAGE_INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
  public static final AttributeKey<Long> USAGE_OUTPUT_TOKENS =
      longKey("gen_ai.usage.output_tokens");
  public static final AttributeKey<Long> USAGE_CACHE_READ_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_read.input_tokens");
  public static final AttributeKey<Long> USAGE_CACHE_CREATION_INPUT_TOKENS =
      longKey("gen_ai.usage.cache_creation.input_tokens");
  public static final AttributeKey<String> TOOL_NAME = stringKey("gen_ai.tool.name");
  public static final AttributeKey<String> TOOL_CALL_ID = stringKey("gen_ai.tool.call.id");
  public static final AttributeKey<String> TOOL_TYPE = stringKey("gen_ai.tool.type");
  public static final AttributeKey<String> TOOL_CALL_ARGUMENTS =
      stringKey("gen_ai.tool.call.arguments");
  public static final AttributeKey<String> TOOL_CALL_RESULT = stringKey("gen_ai.tool.call.result");
  public static final AttributeKey<String> INPUT_MESSAGES = stringKey("gen_ai.input.messages");
  public static final AttributeKey<String> OUTPUT_MESSAGES = stringKey("gen_ai.output.messages");
  public static final AttributeKey<String> SYSTEM_INSTRUCTIONS =
      stringKey("gen_ai.system_instructions");
  public static final AttributeKey<String> TOKEN_TYPE = stringKey("gen_ai.token.type");
  public static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");
  public static final AttributeKey<String> SERVER_ADDRESS = stringKey("server.address");
  public static final AttributeKey<Long> SERVER_PORT = longKey("server.port");
  public static final AttributeKey<Long> HTTP_STATUS = longKey("http.response.status_code");

  public static final AttributeKey<String> RUN_ID = stringKey("researcher4j.run.id");
  public static final AttributeKey<String> PARENT_RUN_ID = stringKey("researcher4j.parent_run.id");
  public static final AttributeKey<String> TASK_ID = stringKey("researcher4j.task.id");
  public static final AttributeKey<Long> TASK_ATTEMPT = longKey("researcher4j.task.attempt");
  public static final AttributeKey<String> STOP_REASON = stringKey("researcher4j.stop_reason");
  public static final AttributeKey<Long> SOURCE_COUNT = longKey("researcher4j.source_count");
  public static final AttributeKey<Long> STEP_COUNT = longKey("researcher4j.steps");
  public static final AttributeKey<Long> TOOL_CALL_COUNT = longKey("researcher4j.tool_calls");
  public static final AttributeKey<Double> COST_USD = doubleKey("researcher4j.cost_usd");
  public static final AttributeKey<Long> STEP_INDEX = longKey("researcher4j.step.index");
  public static final AttributeKey<String> STEP_KIND = stringKey("researcher4j.step.kind");
  public static final AttributeKey<String> TOOL_STATUS = stringKey("researcher4j.tool.status");
  public static final AttributeKey<Long> TOOL_ATTEMPTS = longKey("researcher4j.tool.attempts");
  public static final AttributeKey<List<String>> TOOL_SOURCE_IDS =
      stringArrayKey("researcher4j.tool.source_ids");
  public static final AttributeKey<List<String>> CHILD_RUN_IDS =
      stringArrayKey("researcher4j.tool.child_run_ids");
  public static final AttributeKey<String> RETRY_TARGET = stringKey("researcher4j.retry.target");
  public static final AttributeKey<Long> RETRY_ATTEMPT = longKey("researcher4j.retry.attempt");
  public static final AttributeKey<Long> RETRY_DELAY_MS = longKey("researcher4j.retry.delay_ms");
  public static final AttributeKey<String> RETRY_ERROR = stringKey("researcher4j.retry.error");
  public static final AttributeKey<Long> TOKENS_BEFORE =
      longKey("researcher4j.compaction.tokens_before");
  public static final AttributeKey<Long> TOKENS_AFTER =
      longKey("researcher4j.compaction.tokens_after");
  public static final AttributeKey<String> BUDGET = stringKey("researcher4j.budget");
  public static final AttributeKey<Double> BUDGET_FRACTION =
      doubleKey("researcher4j.budget.fraction_used");

  public static final String RETRY_EVENT = "researcher4j.retry";
  public static final String COMPACTION_EVENT = "researcher4j.compaction";
  public static final String BUDGET_WARNING_EVENT = "researcher4j.budget_warning";

  public static final String DURATION_METRIC = "gen_ai.client.operation.duration";
  public static final String TOKEN_USAGE_METRIC = "gen_ai.client.token.usage";

  /** The bucket boundaries the conventions advise for {@value #DURATION_METRIC}, in seconds. */
  public static final List<Double> DURATION_BUCKETS =
      List.of(
          0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92);

  /** The bucket boundaries the conventions advise for {@value #TOKEN_USAGE_METRIC}. */
  public static final List<Long> TOKEN_BUCKETS =
      List.of(
          1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L, 262144L, 1048576L, 4194304L,
          16777216L, 67108864L);
}
