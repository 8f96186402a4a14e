package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.Clock;
import java.time.Duration;

/**
 * A token bucket that may go into debt. DynamoDB charges a page only after reading it, so a page
 * can cost more than was reserved; the debt is paid back by waiting before the next reservation,
 * and the long-run rate stays at the limit whatever the page sizes.
 */
final class TokenBucket implements CapacityLimiter {

  private final double ratePerNano;
  private final double capacity;
  private final Clock clock;
  private double tokens;
  private long refilledAt;

  TokenBucket(double unitsPerSecond, Clock clock) {
    if (!(unitsPerSecond > 0) || Double.isInfinite(unitsPerSecond)) {
      throw new IllegalArgumentException(
          "capacity limit must be a positive number of units per second, was " + unitsPerSecond);
    }
    this.ratePerNano = unitsPerSecond / 1e9;
    this.capacity = unitsPerSecond;
    this.clock = clock;
    this.refilledAt = clock.nanoTime();
    this.tokens = 0;
  }

  @Override
  public void reserve(double expectedUnits) throws InterruptedException {
    while (true) {
      Duration wait;
      synchronized (this) {
        refill();
        if (tokens > 0) {
          tokens -= expectedUnits;
          return;
        }
        wait = Duration.ofNanos((long) Math.ceil(-tokens / ratePerNano));
      }
      clock.sleep(wait.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : wait);
    }
  }

  @Override
  public synchronized void settle(double expectedUnits, double consumedUnits) {
    tokens += expectedUnits - consumedUnits;
  }

  @Override
  public double unitsPerSecond() {
    return capacity;
  }

  private void refill() {
    long now = clock.nanoTime();
    tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerNano);
    refilledAt = now;
  }
}
