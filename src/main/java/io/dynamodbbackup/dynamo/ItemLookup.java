package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.retry.Retrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Reads items of one table by key with BatchGetItem. UnprocessedKeys are resent with backoff until
 * read ({@link ResendLoop}).
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
    String what = "BatchGetItem from table " + table;
    ResendLoop.untilProcessed(
        retrier, what, "keys", keys, pending -> send(what, pending, found::addAll));
    return found;
  }

  /** One BatchGetItem; hands what it found to {@code found} and returns the unprocessed keys. */
  private List<Map<String, AttributeValue>> send(
      String what,
      List<Map<String, AttributeValue>> pending,
      Consumer<List<Map<String, AttributeValue>>> found)
      throws InterruptedException {
    KeysAndAttributes request =
        KeysAndAttributes.builder().keys(pending).consistentRead(consistentRead).build();
    BatchGetItemResponse response =
        limiter.metered(
            pending.size() * UNITS_PER_KEY * (consistentRead ? 2 : 1),
            () ->
                retrier.call(
                    what,
                    () ->
                        dynamo.batchGetItem(
                            r ->
                                r.requestItems(Map.of(table, request))
                                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))),
            Capacity::of);
    consumed.add(Capacity.of(response));
    found.accept(response.responses().getOrDefault(table, List.of()));
    KeysAndAttributes left = response.unprocessedKeys().get(table);
    return left == null || !left.hasKeys() ? List.of() : left.keys();
  }

  /** Read capacity units DynamoDB reported consumed so far. */
  public double consumedCapacity() {
    return consumed.sum();
  }
}
