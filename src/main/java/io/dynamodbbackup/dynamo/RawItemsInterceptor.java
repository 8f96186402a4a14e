package io.dynamodbbackup.dynamo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.zip.CRC32;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.Crc32MismatchException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Lets requests that ask for it take items as bytes, past the SDK's object model: a request may
 * name the response array whose items it takes as {@link RawItems}. Everything else (credentials,
 * signing, endpoints, the HTTP client, error responses) stays the SDK's. Requests without the
 * attribute pass untouched.
 *
 * <p>Since the SDK then sees a changed body, this checks DynamoDB's {@code x-amz-crc32} of the
 * whole body itself and takes the header off.
 */
public final class RawItemsInterceptor implements ExecutionInterceptor {

  private static final ExecutionAttribute<Exchange> EXCHANGE =
      new ExecutionAttribute<>("dynamodb-backup.raw-items");
  private static final String CRC32_HEADER = "x-amz-crc32";

  /**
   * One request's bytes: set on the request, filled in on the calling thread by the SDK's
   * synchronous client, read after the call returns. A retried call overwrites what a failed
   * attempt left.
   */
  static final class Exchange {
    private final String field;
    private String crc32;
    private RawItems items;

    /**
     * @param field the top-level response field holding the items, such as {@code Items}
     */
    Exchange(String field) {
      this.field = field;
    }

    /** The items of the last successful response. */
    RawItems items() {
      if (items == null) {
        throw new IllegalStateException(
            "no response bytes were captured: the DynamoDB client was built without "
                + RawItemsInterceptor.class.getSimpleName());
      }
      return items;
    }
  }

  /** Puts {@code exchange} on a request's override configuration. */
  static void attach(AwsRequestOverrideConfiguration.Builder config, Exchange exchange) {
    config.putExecutionAttribute(EXCHANGE, exchange);
  }

  @Override
  public SdkHttpResponse modifyHttpResponse(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    SdkHttpResponse response = context.httpResponse();
    if (!captures(response, attributes)) {
      return response;
    }
    Exchange exchange = attributes.getAttribute(EXCHANGE);
    exchange.crc32 = response.firstMatchingHeader(CRC32_HEADER).orElse(null);
    return response.toBuilder().removeHeader(CRC32_HEADER).build();
  }

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    Optional<InputStream> content = context.responseBody();
    if (!captures(context.httpResponse(), attributes) || content.isEmpty()) {
      return content;
    }
    Exchange exchange = attributes.getAttribute(EXCHANGE);
    byte[] body;
    try (InputStream in = content.get()) {
      body = in.readAllBytes();
    } catch (IOException e) {
      throw SdkClientException.create("the DynamoDB response broke off: " + e.getMessage(), e);
    }
    checkCrc32(exchange.crc32, body);
    ResponseItems.Split split = ResponseItems.split(body, exchange.field);
    exchange.items = split.items();
    return Optional.of(new ByteArrayInputStream(split.rest()));
  }

  private static boolean captures(SdkHttpResponse response, ExecutionAttributes attributes) {
    Exchange exchange = attributes.getAttribute(EXCHANGE);
    return response.isSuccessful() && exchange != null;
  }

  /** Checks the body against the CRC32 DynamoDB sent, if it sent one. */
  static void checkCrc32(String expected, byte[] body) {
    if (expected == null) {
      return;
    }
    CRC32 crc = new CRC32();
    crc.update(body);
    if (crc.getValue() != Long.parseLong(expected)) {
      throw Crc32MismatchException.create(
          "the DynamoDB response body does not match its x-amz-crc32 header ("
              + crc.getValue()
              + " against "
              + expected
              + "): it was corrupted in transit",
          null);
    }
  }
}
