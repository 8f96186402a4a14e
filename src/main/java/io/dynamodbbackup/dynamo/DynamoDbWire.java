package io.dynamodbbackup.dynamo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptorChain;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.utils.Lazy;

/**
 * Sends DynamoDB calls whose JSON bodies are already bytes: signed with the SDK's SigV4 signer and
 * handed to the SDK's HTTP client, past the SDK's request pipeline, which costs several times the
 * CPU of a 25-item BatchWriteItem's bytes. The endpoint is the one the SDK resolves for the client;
 * errors become the SDK's exceptions, with DynamoDB's error code, so that they are retried and
 * reported exactly as the SDK's own calls are. The client's interceptors see each call as they
 * would through the SDK, from {@code beforeExecution} to {@code modifyHttpResponseContent}.
 */
public final class DynamoDbWire {

  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final String CRC32_HEADER = "x-amz-crc32";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SdkHttpClient http;
  private final Lazy<URI> endpoint;
  private final Region region;
  private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
  private final ExecutionInterceptorChain interceptors;
  private final boolean intercepted;
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
  private final String userAgent;

  /**
   * @param endpoint where the SDK's DynamoDB client sends its calls, asked on the first call
   * @param interceptors the client's own interceptors, in its order
   */
  public DynamoDbWire(
      SdkHttpClient http,
      Supplier<URI> endpoint,
      Region region,
      IdentityProvider<? extends AwsCredentialsIdentity> credentials,
      List<ExecutionInterceptor> interceptors,
      String userAgent) {
    this.http = http;
    this.endpoint = new Lazy<>(endpoint);
    this.region = region;
    this.credentials = credentials;
    this.interceptors = new ExecutionInterceptorChain(List.copyOf(interceptors));
    this.intercepted = !interceptors.isEmpty();
    this.userAgent = userAgent;
  }

  /**
   * Sends {@code body} as the operation of {@code request} and returns the answer's body, checked
   * against its CRC32.
   *
   * @param request an empty request of the operation's type: what interceptors are shown
   * @throws AwsServiceException for an error answer, with DynamoDB's error code and message
   * @throws SdkClientException when the call could not be sent or its answer read
   */
  public byte[] call(SdkRequest request, byte[] body) {
    String operation = operation(request);
    ExecutionAttributes attributes =
        new ExecutionAttributes()
            .putAttribute(SdkExecutionAttribute.SERVICE_NAME, "DynamoDB")
            .putAttribute(SdkExecutionAttribute.OPERATION_NAME, operation);
    InterceptorContext context =
        InterceptorContext.builder()
            .request(request)
            .httpRequest(
                SdkHttpFullRequest.builder()
                    .method(SdkHttpMethod.POST)
                    .uri(endpoint.getValue())
                    .putHeader("Content-Type", CONTENT_TYPE)
                    .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                    .putHeader("User-Agent", userAgent)
                    .putHeader("Content-Length", Integer.toString(body.length))
                    .build())
            .requestBody(
                RequestBody.fromContentProvider(
                    ContentStreamProvider.fromByteArrayUnsafe(body), body.length, CONTENT_TYPE))
            .build();
    try {
      if (intercepted) {
        interceptors.beforeExecution(context, attributes);
        context = interceptors.modifyHttpRequestAndHttpContent(context, attributes);
      }
      context = signed(context);
      if (intercepted) {
        interceptors.beforeTransmission(context, attributes);
      }
      return exchange(context, attributes);
    } catch (RuntimeException e) {
      if (intercepted) {
        interceptors.onExecutionFailure(new Failure(context, e), attributes);
      }
      throw e;
    }
  }

  /** The operation a request is for: {@code BatchWriteItem} for a {@code BatchWriteItemRequest}. */
  static String operation(SdkRequest request) {
    String type = request.getClass().getSimpleName();
    return type.endsWith("Request") ? type.substring(0, type.length() - "Request".length()) : type;
  }

  /** The context with its request signed, as the SDK signs before transmission. */
  private InterceptorContext signed(InterceptorContext context) {
    ContentStreamProvider content = context.requestBody().orElseThrow().contentStreamProvider();
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.resolveIdentity().join())
                    .request(context.httpRequest())
                    .payload(content)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
    return context.toBuilder().httpRequest(signed.request()).build();
  }

  private byte[] exchange(InterceptorContext context, ExecutionAttributes attributes) {
    SdkHttpResponse response;
    byte[] answer;
    try {
      HttpExecuteResponse sent =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(context.httpRequest())
                      .contentStreamProvider(
                          context.requestBody().orElseThrow().contentStreamProvider())
                      .build())
              .call();
      response = sent.httpResponse();
      Optional<InputStream> stream = sent.responseBody().map(InputStream.class::cast);
      if (intercepted) {
        InterceptorContext received =
            interceptors.modifyHttpResponse(
                context.toBuilder()
                    .httpResponse(response)
                    .responseBody(stream.orElse(null))
                    .build(),
                attributes);
        response = received.httpResponse();
        stream = received.responseBody();
      }
      answer = stream.isEmpty() ? new byte[0] : readAll(stream.get());
    } catch (IOException e) {
      throw SdkClientException.create("Unable to execute HTTP request: " + e.getMessage(), e);
    }
    RawItemsInterceptor.checkCrc32(response.firstMatchingHeader(CRC32_HEADER).orElse(null), answer);
    if (!response.isSuccessful()) {
      throw error(response, answer);
    }
    return answer;
  }

  private static byte[] readAll(InputStream stream) throws IOException {
    try (InputStream in = stream) {
      return in.readAllBytes();
    }
  }

  /** The SDK's exception for an error answer: {@code {"__type":"...#Code","message":"..."}}. */
  static AwsServiceException error(SdkHttpResponse response, byte[] answer) {
    String code = null;
    String message = null;
    try {
      JsonNode error = JSON.readTree(answer);
      if (error != null && error.isObject()) {
        String type = error.path("__type").asText(null);
        code = type == null ? null : type.substring(type.lastIndexOf('#') + 1);
        message =
            error.hasNonNull("message")
                ? error.get("message").asText()
                : error.path("Message").asText(null);
      }
    } catch (IOException e) {
      // Not JSON (a proxy's page, say): the status alone tells what happened.
    }
    if (code == null) {
      code =
          response.firstMatchingHeader("x-amzn-ErrorType").map(t -> t.split(":")[0]).orElse(null);
    }
    String requestId =
        response
            .firstMatchingHeader("x-amzn-RequestId")
            .or(() -> response.firstMatchingHeader("x-amz-request-id"))
            .orElse(null);
    AwsErrorDetails details =
        AwsErrorDetails.builder()
            .errorCode(code)
            .errorMessage(message == null ? response.statusText().orElse(null) : message)
            .serviceName("DynamoDb")
            .sdkHttpResponse(response)
            .build();
    AwsServiceException.Builder builder =
        "ResourceNotFoundException".equals(code)
            ? ResourceNotFoundException.builder()
            : DynamoDbException.builder();
    return builder
        .awsErrorDetails(details)
        .statusCode(response.statusCode())
        .requestId(requestId)
        .message(details.errorMessage())
        .build();
  }

  /** A failed call as interceptors' {@code onExecutionFailure} sees it. */
  private record Failure(InterceptorContext context, Throwable exception)
      implements Context.FailedExecution {

    @Override
    public SdkRequest request() {
      return context.request();
    }

    @Override
    public Optional<SdkHttpRequest> httpRequest() {
      return Optional.ofNullable(context.httpRequest());
    }

    @Override
    public Optional<SdkHttpResponse> httpResponse() {
      return Optional.ofNullable(context.httpResponse());
    }

    @Override
    public Optional<SdkResponse> response() {
      return Optional.empty();
    }
  }
}
