package io.dynamodbbackup.dynamo;

import io.dynamodbbackup.concurrent.FailFastPool;
import io.dynamodbbackup.retry.CancelledException;
import io.dynamodbbackup.retry.Retrier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Scans a table with parallel segments on a fixed pool of threads. Each thread pages through one
 * segment at a time, top to bottom; all share one capacity budget. The first failure cancels the
 * other segments and is rethrown.
 */
public final class ParallelScan {

  /** Expected cost of a segment's first page, before any real cost is known. */
  private static final double FIRST_PAGE_ESTIMATE = 1.0;

  private final DynamoDbClient dynamo;
  private final Retrier retrier;
  private final CapacityLimiter limiter;
  private final LongAdder items = new LongAdder();
  private final LongAdder pages = new LongAdder();
  private final DoubleAdder consumed = new DoubleAdder();

  public ParallelScan(DynamoDbClient dynamo, Retrier retrier, CapacityLimiter limiter) {
    this.dynamo = dynamo;
    this.retrier = retrier;
    this.limiter = limiter;
  }

  /** Scans every segment of the plan, handing each page to {@code consumer}. */
  public ScanResult run(ScanPlan plan, PageConsumer consumer) throws Exception {
    List<FailFastPool.Task> segments = new ArrayList<>(plan.segments());
    for (int segment = 0; segment < plan.segments(); segment++) {
      int s = segment;
      segments.add(() -> scanSegment(plan, s, consumer));
    }
    FailFastPool.runAll("scan", plan.threads(), segments);
    return new ScanResult(items.sum(), pages.sum(), consumed.sum());
  }

  /** Items read so far, for progress reports from another thread. */
  public long itemsRead() {
    return items.sum();
  }

  /** Read capacity consumed so far. */
  public double consumedCapacity() {
    return consumed.sum();
  }

  private void scanSegment(ScanPlan plan, int segment, PageConsumer consumer) throws Exception {
    Map<String, AttributeValue> startKey = plan.startKeys().get(segment);
    if (startKey != null && startKey.isEmpty()) {
      return; // finished before a resume
    }
    double estimate = FIRST_PAGE_ESTIMATE;
    String what = "Scan of table " + plan.table() + " segment " + segment + "/" + plan.segments();
    do {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancelledException(what + " cancelled", null);
      }
      RawItemsInterceptor.Exchange exchange = new RawItemsInterceptor.Exchange("Items");
      ScanRequest request =
          ScanRequest.builder()
              .tableName(plan.table())
              .segment(segment)
              .totalSegments(plan.segments())
              .limit(plan.pageSize())
              .consistentRead(plan.consistentRead())
              .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
              .exclusiveStartKey(startKey)
              .select(plan.countOnly() ? Select.COUNT : null)
              .overrideConfiguration(c -> RawItemsInterceptor.attach(c, exchange))
              .build();
      ScanResponse page =
          limiter.metered(
              estimate, () -> retrier.call(what, () -> dynamo.scan(request)), Capacity::of);
      double cost = Capacity.of(page);
      estimate = Math.max(cost, FIRST_PAGE_ESTIMATE);
      consumed.add(cost);
      pages.increment();
      items.add(page.count());
      startKey = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : Map.of();
      RawItems items = plan.countOnly() ? RawItems.NONE : exchange.items();
      if (!plan.countOnly() && items.count() != page.count()) {
        throw new IllegalStateException(
            what
                + ": the response holds "
                + items.count()
                + " items but its Count says "
                + page.count());
      }
      consumer.page(segment, items, startKey);
    } while (!startKey.isEmpty());
    consumer.segmentDone(segment);
  }
}
