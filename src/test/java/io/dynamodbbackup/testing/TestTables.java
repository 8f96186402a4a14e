package io.dynamodbbackup.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Test-side table chores done with plain SDK calls, independent of the code under test. */
public final class TestTables {
  private static final int BATCH_SIZE = 25;
  private static final int MAX_ROUNDS = 50;

  /** Large pages make dynalite slow, so every scan asks for at most this many items. */
  private static final int SCAN_LIMIT = 500;

  private TestTables() {}

  /** Creates an on-demand table with a hash key and waits until it is ACTIVE. */
  public static void create(
      DynamoDbClient client, String table, String hashKey, ScalarAttributeType hashType) {
    create(client, table, List.of(key(hashKey, hashType, KeyType.HASH)));
  }

  /** Creates an on-demand table with a hash and a range key and waits until it is ACTIVE. */
  public static void create(
      DynamoDbClient client,
      String table,
      String hashKey,
      ScalarAttributeType hashType,
      String rangeKey,
      ScalarAttributeType rangeType) {
    create(
        client,
        table,
        List.of(key(hashKey, hashType, KeyType.HASH), key(rangeKey, rangeType, KeyType.RANGE)));
  }

  private record Key(String name, ScalarAttributeType type, KeyType keyType) {}

  private static Key key(String name, ScalarAttributeType type, KeyType keyType) {
    return new Key(name, type, keyType);
  }

  private static void create(DynamoDbClient client, String table, List<Key> keys) {
    client.createTable(
        b ->
            b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    keys.stream()
                        .map(
                            k ->
                                AttributeDefinition.builder()
                                    .attributeName(k.name())
                                    .attributeType(k.type())
                                    .build())
                        .toList())
                .keySchema(
                    keys.stream()
                        .map(
                            k ->
                                KeySchemaElement.builder()
                                    .attributeName(k.name())
                                    .keyType(k.keyType())
                                    .build())
                        .toList()));
    awaitActive(client, table);
  }

  /**
   * Waits until {@code table} is ACTIVE: even with {@code --createTableMs 0}, dynalite answers
   * CreateTable with CREATING and refuses writes until its timer has run.
   */
  public static void awaitActive(DynamoDbClient client, String table) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client.describeTable(b -> b.tableName(table)).table().tableStatus()
        != TableStatus.ACTIVE) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Table " + table + " is not ACTIVE after 30 s");
      }
      pause(Duration.ofMillis(20));
    }
  }

  /** Writes {@code items} with BatchWriteItem, resending UnprocessedItems until all are written. */
  public static void load(
      DynamoDbClient client, String table, List<Map<String, AttributeValue>> items) {
    for (int start = 0; start < items.size(); start += BATCH_SIZE) {
      List<WriteRequest> batch = new ArrayList<>();
      for (Map<String, AttributeValue> item :
          items.subList(start, Math.min(items.size(), start + BATCH_SIZE))) {
        batch.add(WriteRequest.builder().putRequest(p -> p.item(item)).build());
      }
      Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table, batch));
      for (int round = 0; !pending.isEmpty(); round++) {
        if (round == MAX_ROUNDS) {
          throw new IllegalStateException(
              "Table " + table + " still has unprocessed items after " + MAX_ROUNDS + " rounds");
        }
        Map<String, List<WriteRequest>> request = pending;
        pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        if (!pending.isEmpty()) {
          pause(Duration.ofMillis(Math.min(200, 5L << Math.min(round, 5))));
        }
      }
    }
  }

  /** Every item of {@code table}, read page by page. */
  public static List<Map<String, AttributeValue>> scanAll(DynamoDbClient client, String table) {
    List<Map<String, AttributeValue>> items = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      Map<String, AttributeValue> from = startKey;
      ScanResponse page =
          client.scan(b -> b.tableName(table).limit(SCAN_LIMIT).exclusiveStartKey(from));
      items.addAll(page.items());
      startKey = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
    } while (startKey != null && !startKey.isEmpty());
    return items;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
