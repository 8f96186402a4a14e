package io.dynamodbbackup.dynamo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Groups items into BatchWriteItem batches of at most {@code maxItems} items and {@code maxBytes}
 * bytes. A batch never holds two items with the same key, which DynamoDB would refuse as a whole;
 * the second starts a new batch, so the later item still wins, as it would with PutItem. Not
 * thread-safe: the one reader thread owns it.
 */
public final class BatchBuilder {

  /** BatchWriteItem's limits: 25 put requests and 16 MB per call. */
  public static final int MAX_ITEMS = 25;

  public static final long MAX_BYTES = 16L * 1024 * 1024;

  private final int maxItems;
  private final long maxBytes;
  private final List<String> keyNames;
  private List<Map<String, AttributeValue>> batch = new ArrayList<>();
  private final Set<List<AttributeValue>> keys = new HashSet<>();
  private long bytes;

  /**
   * @param keyNames the table's key attributes, hash key first
   */
  public BatchBuilder(int maxItems, long maxBytes, List<String> keyNames) {
    if (maxItems < 1 || maxItems > MAX_ITEMS) {
      throw new IllegalArgumentException("batch size must be 1 to 25 items, was " + maxItems);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("batch bytes must be positive, was " + maxBytes);
    }
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
    this.keyNames = List.copyOf(keyNames);
  }

  /**
   * Adds an item and returns the batch that became full, or null. The returned batch may hold the
   * item, or end just before it when the item would not fit or repeats a key.
   */
  public List<Map<String, AttributeValue>> add(Map<String, AttributeValue> item) {
    long size = ItemSize.of(item);
    List<AttributeValue> key = keyNames.stream().map(item::get).toList();
    List<Map<String, AttributeValue>> full = null;
    if (!batch.isEmpty() && (bytes + size > maxBytes || keys.contains(key))) {
      full = take();
    }
    batch.add(item);
    keys.add(key);
    bytes += size;
    // A batch just closed leaves one item here, so at most one batch is returned.
    if (batch.size() == maxItems) {
      full = take();
    }
    return full;
  }

  /** The items not yet returned, possibly none. */
  public List<Map<String, AttributeValue>> drain() {
    return take();
  }

  private List<Map<String, AttributeValue>> take() {
    List<Map<String, AttributeValue>> taken = batch;
    batch = new ArrayList<>(maxItems);
    keys.clear();
    bytes = 0;
    return taken;
  }
}
