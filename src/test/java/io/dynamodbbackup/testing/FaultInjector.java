package io.dynamodbbackup.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Makes a seeded fraction of chosen operations fail, at the HTTP layer so the SDK's own error
 * parsing builds the exception a real service would cause.
 *
 * <p>Error faults are decided per attempt in {@code beforeTransmission}; the request still reaches
 * the engine and the engine's answer is replaced by the error, as when a response is lost. That is
 * harmless for reads and idempotent writes; to prove that writes the service really refused get
 * resent, use {@link Builder#unprocessedItems(double)}, which removes the writes before they are
 * sent and reports them back as BatchWriteItem's UnprocessedItems. A dropped connection fails
 * before anything is sent.
 *
 * <p>Thread-safe; decisions are drawn under a lock, so they repeat exactly for a given seed when
 * the calls come in the same order (one thread).
 */
public final class FaultInjector implements ExecutionInterceptor {
  private static final ExecutionAttribute<Fault> FAULT =
      new ExecutionAttribute<>("io.dynamodbbackup.testing.FaultInjector.fault");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ExecutionAttribute<byte[]> SENT =
      new ExecutionAttribute<>("io.dynamodbbackup.testing.FaultInjector.sent");
  private static final ExecutionAttribute<ObjectNode> WITHHELD =
      new ExecutionAttribute<>("io.dynamodbbackup.testing.FaultInjector.withheld");

  private final Map<String, Rule> rules;
  private final double unprocessedFraction;
  private final Random random; // guarded by this
  private final Map<String, Integer> injected = new HashMap<>(); // guarded by this
  private int withheldItems; // guarded by this

  private record Rule(Fault fault, double fraction, int limit) {}

  private FaultInjector(Builder builder) {
    this.rules = Map.copyOf(builder.rules);
    this.unprocessedFraction = builder.unprocessedFraction;
    this.random = new Random(builder.seed);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many faults were injected into {@code operation}, such as "Scan". */
  public synchronized int injected(String operation) {
    return injected.getOrDefault(operation, 0);
  }

  /** How many faults were injected in all, not counting withheld items. */
  public synchronized int injected() {
    return injected.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** How many write requests were withheld and returned as UnprocessedItems. */
  public synchronized int unprocessedItems() {
    return withheldItems;
  }

  /**
   * Withholds writes from the bytes a BatchWriteItem sends, whoever wrote them, and remembers them
   * for {@link #withUnprocessed}. The SDK asks for the body and for the request (whose
   * Content-Length must follow the body) separately, so both come from one rewrite.
   */
  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    byte[] sent = rewrite(context, attributes);
    return sent == null
        ? context.httpRequest()
        : context.httpRequest().toBuilder()
            .putHeader("Content-Length", Integer.toString(sent.length))
            .build();
  }

  @Override
  public Optional<RequestBody> modifyHttpContent(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    byte[] sent = rewrite(context, attributes);
    return sent == null ? context.requestBody() : Optional.of(RequestBody.fromBytes(sent));
  }

  /** The body with writes withheld, made once per attempt; null when nothing is withheld. */
  private byte[] rewrite(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    if (unprocessedFraction <= 0
        || !"BatchWriteItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
        || context.requestBody().isEmpty()) {
      return null;
    }
    byte[] done = attributes.getAttribute(SENT);
    if (done != null) {
      return done.length == 0 ? null : done;
    }
    ObjectNode body;
    try (InputStream in = context.requestBody().get().contentStreamProvider().newStream()) {
      body = (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ObjectNode withheld = split((ObjectNode) body.get("RequestItems"));
    if (withheld.isEmpty()) {
      attributes.putAttribute(SENT, new byte[0]);
      return null;
    }
    attributes.putAttribute(WITHHELD, withheld);
    byte[] sent;
    try {
      sent = JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    attributes.putAttribute(SENT, sent);
    return sent;
  }

  /** Moves a random share of the writes out of {@code items}; returns them by table. */
  private synchronized ObjectNode split(ObjectNode items) {
    int total = 0;
    for (JsonNode writes : items) {
      total += writes.size();
    }
    ObjectNode withheld = JSON.createObjectNode();
    int kept = 0;
    int seen = 0;
    for (Map.Entry<String, JsonNode> table : items.properties()) {
      ArrayNode sent = JSON.createArrayNode();
      for (JsonNode write : table.getValue()) {
        seen++;
        // Keep at least one write: DynamoDB rejects a BatchWriteItem with none.
        boolean lastChance = kept == 0 && seen == total;
        if (!lastChance && random.nextDouble() < unprocessedFraction) {
          withheld.withArray(table.getKey()).add(write);
        } else {
          sent.add(write);
          kept++;
        }
      }
      table.setValue(sent);
    }
    withheldItems += total - kept;
    return withheld;
  }

  /** The response with the withheld writes added to its UnprocessedItems. */
  private static InputStream withUnprocessed(InputStream response, ObjectNode withheld) {
    try (InputStream in = response) {
      ObjectNode body = (ObjectNode) JSON.readTree(in);
      ObjectNode unprocessed = body.withObject("UnprocessedItems");
      for (Map.Entry<String, JsonNode> table : withheld.properties()) {
        unprocessed.withArray(table.getKey()).addAll((ArrayNode) table.getValue());
      }
      return new ByteArrayInputStream(JSON.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    Fault fault = draw(operation);
    attributes.putAttribute(FAULT, fault);
    if (fault == Fault.CONNECTION_DROPPED) {
      throw SdkClientException.create(
          "Unable to execute HTTP request: connection dropped (injected into " + operation + ")",
          new IOException("Connection reset (injected)"));
    }
  }

  private synchronized Fault draw(String operation) {
    Rule rule = rules.get(operation);
    if (rule == null) {
      return null;
    }
    int count = injected.getOrDefault(operation, 0);
    if (count >= rule.limit() || random.nextDouble() >= rule.fraction()) {
      return null;
    }
    injected.put(operation, count + 1);
    return rule.fault();
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Fault fault = attributes.getAttribute(FAULT);
    if (fault == null) {
      // A body with writes added no longer matches the engine's checksum of it.
      return attributes.getAttribute(WITHHELD) == null || !context.httpResponse().isSuccessful()
          ? context.httpResponse()
          : context.httpResponse().toBuilder().removeHeader("x-amz-crc32").build();
    }
    ErrorBody error = ErrorBody.of(fault, attributes);
    return context.httpResponse().toBuilder()
        .statusCode(error.status())
        .statusText(null)
        .headers(Map.of())
        .putHeader("Content-Type", error.contentType())
        .putHeader("Content-Length", Integer.toString(error.bytes().length))
        .putHeader("x-amzn-RequestId", "injected-fault")
        .build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Fault fault = attributes.getAttribute(FAULT);
    ObjectNode withheld = attributes.getAttribute(WITHHELD);
    if (fault == null && withheld != null && context.httpResponse().isSuccessful()) {
      return context.responseBody().map(body -> withUnprocessed(body, withheld));
    }
    if (fault == null) {
      return context.responseBody();
    }
    // Release the engine's real answer before substituting the error.
    context
        .responseBody()
        .ifPresent(
            body -> {
              try (InputStream in = body) {
                in.transferTo(OutputStream.nullOutputStream());
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    return Optional.of(new ByteArrayInputStream(ErrorBody.of(fault, attributes).bytes()));
  }

  /** The body the real service sends for {@code fault}, in the calling service's protocol. */
  private record ErrorBody(int status, String contentType, byte[] bytes) {
    static ErrorBody of(Fault fault, ExecutionAttributes attributes) {
      String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
      String message = "Injected by the test harness";
      if (service.equals("S3")) {
        String xml =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + fault.s3Code
                + "</Code><Message>"
                + message
                + "</Message><RequestId>injected-fault</RequestId></Error>";
        return new ErrorBody(fault.s3Status, "application/xml", utf8(xml));
      }
      boolean dynamo = service.equalsIgnoreCase("DynamoDB");
      String type = (dynamo ? "com.amazonaws.dynamodb.v20120810#" : "") + fault.jsonCode;
      String json = "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}";
      return new ErrorBody(
          fault.jsonStatus,
          dynamo ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1",
          utf8(json));
    }

    private static byte[] utf8(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Validates each rule as it is added and names a bad value in its message. */
  public static final class Builder {
    private final Map<String, Rule> rules = new HashMap<>();
    private double unprocessedFraction;
    private long seed = 1;

    private Builder() {}

    /** Seeds the random choices; the same seed and call order give the same faults. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Makes {@code fraction} (0 to 1) of the calls of {@code operation} fail with {@code fault}.
     */
    public Builder fail(String operation, Fault fault, double fraction) {
      return rule(operation, fault, fraction, Integer.MAX_VALUE);
    }

    /** Makes the first {@code count} calls of {@code operation} fail, then lets calls through. */
    public Builder failFirst(String operation, Fault fault, int count) {
      if (count < 0) {
        throw new IllegalArgumentException("count must be 0 or more, was " + count);
      }
      return rule(operation, fault, 1.0, count);
    }

    /** Withholds {@code fraction} of each BatchWriteItem's writes and returns them unprocessed. */
    public Builder unprocessedItems(double fraction) {
      this.unprocessedFraction = checkFraction(fraction);
      return this;
    }

    private Builder rule(String operation, Fault fault, double fraction, int limit) {
      if (operation == null || operation.isBlank()) {
        throw new IllegalArgumentException(
            "operation must be an SDK operation name, was " + operation);
      }
      if (fault == null) {
        throw new IllegalArgumentException("fault for " + operation + " must not be null");
      }
      rules.put(operation, new Rule(fault, checkFraction(fraction), limit));
      return this;
    }

    private static double checkFraction(double fraction) {
      if (!(fraction >= 0 && fraction <= 1)) {
        throw new IllegalArgumentException("fraction must be between 0 and 1, was " + fraction);
      }
      return fraction;
    }

    public FaultInjector build() {
      return new FaultInjector(this);
    }
  }
}
