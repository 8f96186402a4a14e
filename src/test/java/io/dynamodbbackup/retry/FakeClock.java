package io.dynamodbbackup.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that moves only when something sleeps on it, recording every sleep. */
public final class FakeClock implements Clock {

  private long nanos;
  private final Instant epoch = Instant.parse("2015-12-09T08:56:26Z");
  private final List<Duration> sleeps = new ArrayList<>();

  @Override
  public synchronized long nanoTime() {
    return nanos;
  }

  @Override
  public synchronized Instant now() {
    return epoch.plusNanos(nanos);
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    nanos += duration.toNanos();
  }

  public synchronized void advance(Duration duration) {
    nanos += duration.toNanos();
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public synchronized Duration elapsed() {
    return Duration.ofNanos(nanos);
  }
}
