package io.dynamodbbackup.retry;

import java.time.Duration;
import java.time.Instant;

/** The passage of time, injected so that limiters and retries can be tested without waiting. */
public interface Clock {

  /** Monotonic time in nanoseconds, for measuring intervals. */
  long nanoTime();

  /** Wall-clock time, for timestamps that people read. */
  Instant now();

  /** Blocks the calling thread for the given duration. */
  void sleep(Duration duration) throws InterruptedException;

  /** The system clock. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
