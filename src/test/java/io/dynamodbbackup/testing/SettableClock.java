package io.dynamodbbackup.testing;

import io.dynamodbbackup.retry.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A clock whose wall time is whatever the test set, so that a run's "now" is known in advance,
 * while intervals and sleeps pass in real time (a sleep lasts at most a few milliseconds).
 */
public final class SettableClock implements Clock {

  private volatile Instant now;

  public SettableClock(Instant now) {
    this.now = now;
  }

  public void set(Instant now) {
    this.now = now;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(Math.min(5, Math.max(0, duration.toMillis())));
  }
}
