package io.dynamodbbackup.dynamo;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How to scan one table.
 *
 * @param table the table name or ARN
 * @param segments the number of parallel scan segments ({@code TotalSegments})
 * @param threads how many segments are scanned at once
 * @param pageSize the {@code Limit} of each Scan request, in items
 * @param consistentRead strongly consistent reads (twice the capacity) instead of eventual ones
 * @param startKeys where segments resume: segment number to its last evaluated key; segments not in
 *     the map start from the beginning
 * @param countOnly ask for {@code Select=COUNT}: pages carry counts and no items
 */
public record ScanPlan(
    String table,
    int segments,
    int threads,
    int pageSize,
    boolean consistentRead,
    Map<Integer, Map<String, AttributeValue>> startKeys,
    boolean countOnly) {

  /** A plan that reads the items. */
  public ScanPlan(
      String table,
      int segments,
      int threads,
      int pageSize,
      boolean consistentRead,
      Map<Integer, Map<String, AttributeValue>> startKeys) {
    this(table, segments, threads, pageSize, consistentRead, startKeys, false);
  }

  public ScanPlan {
    if (segments < 1 || segments > 1_000_000) {
      throw new IllegalArgumentException("segments must be 1 to 1000000, was " + segments);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1 item, was " + pageSize);
    }
    startKeys = startKeys == null ? Map.of() : Map.copyOf(startKeys);
  }
}
