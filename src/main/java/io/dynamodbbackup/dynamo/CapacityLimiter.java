package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.Clock;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

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

  /**
   * Sends one request within the budget: reserves {@code expectedUnits}, sends, and settles with
   * what the response says it cost (nothing when it failed).
   */
  default <R> R metered(double expectedUnits, Supplier<R> request, ToDoubleFunction<R> cost)
      throws InterruptedException {
    reserve(expectedUnits);
    R response;
    try {
      response = request.get();
    } catch (RuntimeException e) {
      settle(expectedUnits, 0);
      throw e;
    }
    settle(expectedUnits, cost.applyAsDouble(response));
    return response;
  }

  /** The limit as a person reads it, e.g. {@code 50.0 RCU/s}, or {@code none}. */
  default String describe(String unit) {
    return Double.isInfinite(unitsPerSecond())
        ? "none"
        : String.format(Locale.ROOT, "%.1f %s/s", unitsPerSecond(), unit);
  }

  /**
   * The budget for one table: {@code percent} of its provisioned units, and never more than {@code
   * maxUnits} when that is above 0. An on-demand table (billing mode {@code PAY_PER_REQUEST}, or no
   * provisioned units) has no budget of its own, so only {@code maxUnits} limits it.
   *
   * @param billingMode the table's billing mode, or null when not reported
   * @param provisionedUnits the table's provisioned read or write units, or null
   */
  static CapacityLimiter forTable(
      String billingMode, Long provisionedUnits, double percent, double maxUnits, Clock clock) {
    boolean onDemand =
        "PAY_PER_REQUEST".equals(billingMode) || provisionedUnits == null || provisionedUnits <= 0;
    double limit = onDemand ? Double.POSITIVE_INFINITY : provisionedUnits * percent / 100.0;
    if (maxUnits > 0) {
      limit = Math.min(limit, maxUnits);
    }
    return Double.isInfinite(limit) ? unlimited() : perSecond(limit, clock);
  }

  /** A limiter that never waits. */
  static CapacityLimiter unlimited() {
    return Unlimited.INSTANCE;
  }

  /** Lets through {@code unitsPerSecond} on average, allowing a burst of one second. */
  static CapacityLimiter perSecond(double unitsPerSecond, Clock clock) {
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
