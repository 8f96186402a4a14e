package io.dynamodbbackup.dynamo;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What reading or writing a table costs in request units, and those units' on-demand list price,
 * for a dry run's estimate.
 *
 * <p>The price table: Amazon DynamoDB on-demand pricing (https://aws.amazon.com/dynamodb/pricing/
 * on-demand/), Standard table class, the prices in effect from 1 November 2024, when AWS halved
 * on-demand throughput prices: USD 0.125 per million read request units and USD 0.625 per million
 * write request units in US East (N. Virginia), US East (Ohio) and US West (Oregon). Only those
 * regions are in it; any other region, and the Standard-IA table class, get no price ("unknown")
 * rather than a guess. Check the page before relying on a figure: prices change.
 */
public final class RequestCost {

  /** Says which prices {@link #onDemandCost} uses, for a person reading the estimate. */
  public static final String PRICE_TABLE =
      "on-demand list prices in effect from 2024-11-01, Standard table class: USD 0.125 per"
          + " million read and 0.625 per million write request units in us-east-1, us-east-2 and"
          + " us-west-2; other regions unknown";

  private record Price(double perMillionReads, double perMillionWrites) {}

  private static final Price US = new Price(0.125, 0.625);

  private static final Map<String, Price> STANDARD =
      Map.of("us-east-1", US, "us-east-2", US, "us-west-2", US);

  private static final double READ_UNIT_BYTES = 4096;
  private static final double WRITE_UNIT_BYTES = 1024;

  private RequestCost() {}

  /**
   * Read units a Scan of the whole table consumes: one per 4 KB read, half that when eventually
   * consistent (Scan sums the sizes of the items of a page before rounding up).
   */
  public static double scanReadUnits(long tableBytes, boolean consistentRead) {
    return Math.ceil(tableBytes / READ_UNIT_BYTES) * (consistentRead ? 1.0 : 0.5);
  }

  /** Write units writing {@code items} items of {@code bytes} in all: one per 1 KB of each item. */
  public static double writeUnits(long items, long bytes) {
    if (items == 0) {
      return 0;
    }
    double average = (double) bytes / items;
    return items * Math.max(1, Math.ceil(average / WRITE_UNIT_BYTES));
  }

  /**
   * The on-demand price of {@code units} request units in {@code region}, or empty when the price
   * table has none for the region or the table class.
   *
   * @param tableClass the table's class as DescribeTable reports it, or null (Standard)
   */
  public static OptionalDouble onDemandCost(
      String region, String tableClass, double units, boolean writes) {
    Price price = STANDARD.get(region);
    if (price == null || (tableClass != null && !tableClass.equals("STANDARD"))) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        units / 1e6 * (writes ? price.perMillionWrites() : price.perMillionReads()));
  }

  /**
   * How long {@code units} take at {@code unitsPerSecond} and what they cost on demand, each null
   * where it cannot be known, with a note added to {@code notes} that says why.
   *
   * @param limiter the read or write budget
   * @param billingMode the table's billing mode
   * @param tableClass the table's class as DescribeTable reports it, or null
   * @param writes write units, else read units
   */
  public static Figures figures(
      double units,
      CapacityLimiter limiter,
      String billingMode,
      String region,
      String tableClass,
      boolean writes,
      List<String> notes) {
    String unit = writes ? "write" : "read";
    Double seconds = null;
    if (Double.isInfinite(limiter.unitsPerSecond())) {
      notes.add(
          "duration unknown: no "
              + unit
              + " limit (an on-demand table without "
              + (writes ? "--max-wcu" : "--max-rcu")
              + " serves "
              + unit
              + "s as fast as it can)");
    } else {
      seconds = units / limiter.unitsPerSecond();
    }
    Double cost = null;
    if (!"PAY_PER_REQUEST".equals(billingMode)) {
      notes.add(
          "no request charge: a provisioned table's " + unit + "s use its provisioned capacity");
    } else {
      OptionalDouble price = onDemandCost(region, tableClass, units, writes);
      if (price.isPresent()) {
        cost = price.getAsDouble();
      } else {
        notes.add(
            "cost unknown: no list price for "
                + region
                + (tableClass == null ? "" : " and table class " + tableClass)
                + " in the price table");
      }
    }
    return new Figures(seconds, cost);
  }

  /**
   * @param seconds how long at the budget, or null
   * @param onDemandCostUsd the on-demand list price, or null
   */
  public record Figures(Double seconds, Double onDemandCostUsd) {}
}
