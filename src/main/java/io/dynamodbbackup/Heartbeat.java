package io.dynamodbbackup;

import io.dynamodbbackup.retry.Clock;
import java.time.Duration;

/**
 * Paces the progress lines of a job that waits on AWS (an export, an import): at most one line an
 * interval, however often the job polls. Used on the one thread that polls.
 */
public final class Heartbeat {

  private final Clock clock;
  private final long intervalNanos;
  private final long startNanos;
  private long lastNanos;

  public Heartbeat(Clock clock, Duration interval) {
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    this.startNanos = clock.nanoTime();
    this.lastNanos = startNanos;
  }

  /** Whether a line is due: an interval has passed since the last one (or the start). */
  public boolean due() {
    long now = clock.nanoTime();
    if (now - lastNanos < intervalNanos) {
      return false;
    }
    lastNanos = now;
    return true;
  }

  /** Whole seconds since the start, for the line. */
  public long seconds() {
    return Duration.ofNanos(clock.nanoTime() - startNanos).toSeconds();
  }
}
