package io.dynamodbbackup.retry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
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

  /** Throttling, server errors and broken connections are retryable; anything else is final. */
  public static boolean isRetryable(Throwable failure) {
    if (failure instanceof AwsServiceException service) {
      String code =
          service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      return service.isThrottlingException()
          || service.statusCode() >= 500
          || (code != null && RETRYABLE_CODES.contains(code));
    }
    if (failure instanceof ApiCallAttemptTimeoutException) {
      return true;
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
}
