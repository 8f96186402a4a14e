package io.dynamodbbackup.retry;

import java.time.Duration;

/** A call kept failing with retryable faults until the retry time ran out. */
final class RetriesExhaustedException extends RuntimeException {

  RetriesExhaustedException(String what, int attempts, Duration spent, Throwable last) {
    super(
        what
            + " still failing after "
            + attempts
            + " attempts over "
            + spent.toSeconds()
            + " s (raise --max-retry-time or lower the request rate): "
            + last.getMessage(),
        last);
  }
}
