package io.dynamodbbackup.dynamo;

/**
 * A budget of capacity units per second shared by all workers. A worker reserves what it expects a
 * request to cost before sending it and settles with what DynamoDB reports it consumed.
 */
public interface CapacityLimiter {

  /** Blocks until {@code expectedUnits} may be spent. */
  void reserve(double expectedUnits) throws InterruptedException;

  /** Corrects the budget once the real cost of a reserved request is known. */
  void settle(double expectedUnits, double consumedUnits);

  /** The limit in units per second, or infinity when unlimited. */
  double unitsPerSecond();

  /** A limiter that never waits. */
  static CapacityLimiter unlimited() {
    return Unlimited.INSTANCE;
  }

  /** Lets through {@code unitsPerSecond} on average, allowing a burst of one second. */
  static CapacityLimiter perSecond(double unitsPerSecond, io.dynamodbbackup.retry.Clock clock) {
    return new TokenBucket(unitsPerSecond, clock);
  }
}

enum Unlimited implements CapacityLimiter {
  INSTANCE;

  @Override
  public void reserve(double expectedUnits) {}

  @Override
  public void settle(double expectedUnits, double consumedUnits) {}

  @Override
  public double unitsPerSecond() {
    return Double.POSITIVE_INFINITY;
  }
}
