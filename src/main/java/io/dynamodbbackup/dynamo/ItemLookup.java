package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.Retrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads items of one table by key with BatchGetItem. UnprocessedKeys are resent with the retrier's
 * backoff until read; the time budget restarts whenever a round makes progress.
 */
public final class ItemLookup {

  /** The most keys one BatchGetItem takes. */
  public static final int MAX_KEYS = 100;

  /** Expected read units per key before DynamoDB says what they cost. */
  private static final double UNITS_PER_KEY = 0.5;

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final CapacityLimiter limiter;
  private final String table;
  private final boolean consistentRead;
  private final DoubleAdder consumed = new DoubleAdder();

  public ItemLookup(
      DynamoDbClient dynamo,
      Retrier retrier,
      CapacityLimiter limiter,
      String table,
      boolean consistentRead) {
    this.dynamo = dynamo;
    this.retrier = retrier;
    this.limiter = limiter;
    this.table = table;
    this.consistentRead = consistentRead;
  }

  /**
   * The items stored under {@code keys} (at most {@value #MAX_KEYS}, no duplicates), in no
   * particular order; keys with no item have none.
   */
  public List<Map<String, AttributeValue>> get(List<Map<String, AttributeValue>> keys)
      throws InterruptedException {
    if (keys.size() > MAX_KEYS) {
      throw new IllegalArgumentException(
          "at most " + MAX_KEYS + " keys per BatchGetItem, was " + keys.size());
    }
    List<Map<String, AttributeValue>> found = new ArrayList<>(keys.size());
    List<Map<String, AttributeValue>> pending = keys;
    String what = "BatchGetItem from table " + table;
    long progressAt = retrier.clock().nanoTime();
    int round = 0;
    while (!pending.isEmpty()) {
      double estimate = pending.size() * UNITS_PER_KEY * (consistentRead ? 2 : 1);
      limiter.reserve(estimate);
      KeysAndAttributes request =
          KeysAndAttributes.builder().keys(pending).consistentRead(consistentRead).build();
      BatchGetItemResponse response;
      try {
        response =
            retrier.call(
                what,
                () ->
                    dynamo.batchGetItem(
                        r ->
                            r.requestItems(Map.of(table, request))
                                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
      } catch (RuntimeException e) {
        limiter.settle(estimate, 0);
        throw e;
      }
      double cost = Capacity.total(response.consumedCapacity());
      limiter.settle(estimate, cost);
      consumed.add(cost);
      found.addAll(response.responses().getOrDefault(table, List.of()));
      KeysAndAttributes left = response.unprocessedKeys().get(table);
      List<Map<String, AttributeValue>> next =
          left == null || !left.hasKeys() ? List.of() : left.keys();
      if (next.size() < pending.size()) {
        progressAt = retrier.clock().nanoTime();
      }
      pending = next;
      if (!pending.isEmpty()) {
        // Unprocessed keys mean the table is busy: wait longer each round, as after throttling.
        retrier.backOff(
            what, ++round, progressAt, pending.size() + " keys still returned unprocessed");
      }
    }
    return found;
  }

  /** Read capacity units DynamoDB reported consumed so far. */
  public double consumedCapacity() {
    return consumed.sum();
  }
}
