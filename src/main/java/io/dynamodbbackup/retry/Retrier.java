package io.dynamodbbackup.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs a call until it succeeds, fails with a fault that retrying cannot cure, or keeps failing for
 * longer than the policy allows. Thread-safe; counts the retries it made.
 */
public final class Retrier {

  private final RetryPolicy policy;
  private final Clock clock;
  private final LongAdder retries = new LongAdder();
  private final LongAdder throttles = new LongAdder();

  public Retrier(RetryPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Calls {@code action}, retrying retryable faults.
   *
   * @param what names the call in the error a person reads, e.g. "Scan of table users segment 3"
   */
  public <T> T call(String what, Supplier<T> action) {
    long start = clock.nanoTime();
    int attempt = 0;
    while (true) {
      attempt++;
      try {
        return action.get();
      } catch (RuntimeException failure) {
        if (!Faults.isRetryable(failure)) {
          throw failure;
        }
        Duration spent = Duration.ofNanos(clock.nanoTime() - start);
        Duration wait = jitter(policy.ceilingFor(attempt));
        if (spent.plus(wait).compareTo(policy.maxRetryTime()) > 0) {
          throw new RetriesExhaustedException(what, attempt, spent, failure);
        }
        retries.increment();
        if (Faults.isThrottling(failure)) {
          throttles.increment();
        }
        sleep(wait);
      }
    }
  }

  /** Calls an action that returns nothing, retrying retryable faults. */
  public void run(String what, Runnable action) {
    call(
        what,
        () -> {
          action.run();
          return null;
        });
  }

  /**
   * Waits before resending work that a call accepted but left undone without failing, such as
   * BatchWriteItem's UnprocessedItems, with the same backoff and time budget as a failed call.
   *
   * @param attempt 1 before the first resend, 2 before the second, and so on
   * @param sinceNanos when the work last made progress, by this retrier's clock
   * @param problem what is still undone, for the error when the budget runs out
   */
  public void backOff(String what, int attempt, long sinceNanos, String problem) {
    Duration spent = Duration.ofNanos(clock.nanoTime() - sinceNanos);
    Duration wait = jitter(policy.ceilingFor(attempt));
    if (spent.plus(wait).compareTo(policy.maxRetryTime()) > 0) {
      throw new RetriesExhaustedException(what, attempt, spent, new IllegalStateException(problem));
    }
    retries.increment();
    throttles.increment();
    sleep(wait);
  }

  /** A retrier with this one's policy and clock that counts only its own retries. */
  public Retrier withOwnCount() {
    return new Retrier(policy, clock);
  }

  /** The clock this retrier measures its budget with. */
  public Clock clock() {
    return clock;
  }

  /** Retries made so far by every call through this retrier. */
  public long retries() {
    return retries.sum();
  }

  /** Of those retries, how many followed throttling. */
  public long throttles() {
    return throttles.sum();
  }

  private static Duration jitter(Duration ceiling) {
    return Duration.ofNanos(ThreadLocalRandom.current().nextLong(ceiling.toNanos() + 1));
  }

  private void sleep(Duration wait) {
    try {
      clock.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancelledException("interrupted while waiting to retry", e);
    }
  }
}
