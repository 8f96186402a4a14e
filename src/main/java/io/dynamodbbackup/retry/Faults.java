package io.dynamodbbackup.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.Crc32MismatchException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Tells faults that a retry can cure from those it cannot. */
public final class Faults {

  private static final Set<String> RETRYABLE_CODES =
      Set.of(
          "ProvisionedThroughputExceededException",
          "ThrottlingException",
          "Throttling",
          "RequestLimitExceeded",
          "SlowDown",
          "TooManyRequestsException",
          "InternalServerError",
          "InternalFailure",
          "ServiceUnavailable",
          "RequestTimeout",
          "RequestTimeoutException");

  private Faults() {}

  /**
   * Throttling, server errors, connections that drop and bodies that fail their checksum are
   * retryable. Final: any other 4xx, 501 (the store lacks the call), and an endpoint that cannot be
   * reached at all (unknown host, connection refused, TLS handshake refused): retrying those for an
   * hour would only hide a typo.
   */
  public static boolean isRetryable(Throwable failure) {
    if (failure instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      return service.isThrottlingException()
          || (service.statusCode() >= 500 && service.statusCode() != 501)
          || (code != null && RETRYABLE_CODES.contains(code));
    }
    if (isUnreachable(failure)) {
      return false;
    }
    if (failure instanceof ApiCallAttemptTimeoutException
        || failure instanceof Crc32MismatchException) {
      return true; // a body damaged in transit arrives whole the next time
    }
    if (failure instanceof SdkClientException || failure instanceof UncheckedIOException) {
      for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof IOException) {
          return true;
        }
      }
    }
    return false;
  }

  /** True for throttling in particular, which the progress log counts separately. */
  public static boolean isThrottling(Throwable failure) {
    return failure instanceof AwsServiceException service && service.isThrottlingException();
  }

  /** The endpoint cannot be reached at all, as opposed to a connection that broke. */
  public static boolean isUnreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnknownHostException
          || cause instanceof ConnectException
          || cause instanceof NoRouteToHostException
          || cause instanceof SSLHandshakeException) {
        return true;
      }
    }
    return false;
  }
}
