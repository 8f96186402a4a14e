package io.dynamodbbackup.retry;

import java.time.Duration;

/**
 * Capped exponential backoff with full jitter, bounded by the total time spent retrying one call.
 *
 * @param baseDelay the ceiling of the first wait; it doubles after each attempt
 * @param maxDelay the largest ceiling any wait can have
 * @param maxRetryTime how long one call may keep failing before the job gives up
 */
public record RetryPolicy(Duration baseDelay, Duration maxDelay, Duration maxRetryTime) {

  public RetryPolicy {
    requirePositive("baseDelay", baseDelay);
    requirePositive("maxDelay", maxDelay);
    if (maxRetryTime == null || maxRetryTime.isNegative()) {
      throw new IllegalArgumentException(
          "maxRetryTime must be zero or positive, was " + maxRetryTime);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay " + maxDelay + " must not be shorter than baseDelay " + baseDelay);
    }
  }

  /** Defaults for talking to AWS: 50 ms doubling up to 20 s, for at most {@code maxRetryTime}. */
  public static RetryPolicy standard(Duration maxRetryTime) {
    return new RetryPolicy(Duration.ofMillis(50), Duration.ofSeconds(20), maxRetryTime);
  }

  /** The ceiling of the wait before retry number {@code attempt} (1 for the first retry). */
  Duration ceilingFor(int attempt) {
    int shift = Math.min(attempt - 1, 30);
    long nanos = baseDelay.toNanos();
    long ceiling = nanos << shift;
    if (ceiling <= 0 || (ceiling >> shift) != nanos || ceiling > maxDelay.toNanos()) {
      return maxDelay;
    }
    return Duration.ofNanos(ceiling);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
