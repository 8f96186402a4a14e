package io.dynamodbbackup.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The baselines: a parallel Scan that discards what it reads, and a parallel BatchWriteItem load.
 */
final class RawDynamo {

  private final DynamoDbClient dynamo;

  RawDynamo(DynamoDbClient dynamo) {
    this.dynamo = dynamo;
  }

  /** Scans every segment in parallel, counting items and throwing them away. */
  long scan(String table, int segments, int pageSize, boolean consumedCapacity) throws Exception {
    AtomicLong items = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(segments);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int s = 0; s < segments; s++) {
        int segment = s;
        futures.add(
            pool.submit(
                () -> {
                  Map<String, AttributeValue> start = null;
                  do {
                    Map<String, AttributeValue> from = start;
                    ScanResponse page =
                        dynamo.scan(
                            r ->
                                r.tableName(table)
                                    .segment(segment)
                                    .totalSegments(segments)
                                    .limit(pageSize)
                                    .returnConsumedCapacity(
                                        consumedCapacity
                                            ? ReturnConsumedCapacity.TOTAL
                                            : ReturnConsumedCapacity.NONE)
                                    .exclusiveStartKey(from));
                    items.addAndGet(page.count());
                    start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
                  } while (start != null && !start.isEmpty());
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return items.get();
  }

  /**
   * Writes the items with BatchWriteItem from {@code threads} writers, resending unprocessed ones.
   */
  void load(String table, List<Map<String, AttributeValue>> items, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int start = 0; start < items.size(); start += 25) {
        List<WriteRequest> batch =
            items.subList(start, Math.min(items.size(), start + 25)).stream()
                .map(i -> WriteRequest.builder().putRequest(p -> p.item(i)).build())
                .toList();
        futures.add(
            pool.submit(
                () -> {
                  Map<String, List<WriteRequest>> pending = new HashMap<>(Map.of(table, batch));
                  while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending =
                        dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
