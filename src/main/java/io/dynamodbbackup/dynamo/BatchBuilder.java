package io.dynamodbbackup.dynamo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Groups writes (puts of items, deletes of keys) into BatchWriteItem batches of at most {@code
 * maxItems} writes and {@code maxBytes} bytes. A batch never holds two writes of the same key,
 * which DynamoDB would refuse as a whole; the second starts a new batch, so the later write still
 * wins, as it would one call at a time. Not thread-safe: the one reader thread owns it.
 */
public final class BatchBuilder {

  /** BatchWriteItem's limits: 25 put or delete requests and 16 MB per call. */
  public static final int MAX_ITEMS = 25;

  public static final long MAX_BYTES = 16L * 1024 * 1024;

  private final int maxItems;
  private final long maxBytes;
  private final List<String> keyNames;
  private List<WriteRequest> batch = new ArrayList<>();
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

  /** A put of {@code item}. */
  public static WriteRequest put(Map<String, AttributeValue> item) {
    return WriteRequest.builder().putRequest(p -> p.item(item)).build();
  }

  /** A delete of the item with {@code key}. */
  public static WriteRequest delete(Map<String, AttributeValue> key) {
    return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
  }

  /** What a write sends: the item it puts, or the key it deletes. */
  static Map<String, AttributeValue> image(WriteRequest write) {
    return write.putRequest() != null ? write.putRequest().item() : write.deleteRequest().key();
  }

  /**
   * Adds a write and returns the batch that became full, or null. The returned batch may hold the
   * write, or end just before it when the write would not fit or repeats a key.
   */
  public List<WriteRequest> add(WriteRequest write) {
    Map<String, AttributeValue> item = image(write);
    long size = ItemSize.of(item);
    List<AttributeValue> key = keyNames.stream().map(item::get).toList();
    List<WriteRequest> full = null;
    if (!batch.isEmpty() && (bytes + size > maxBytes || keys.contains(key))) {
      full = take();
    }
    batch.add(write);
    keys.add(key);
    bytes += size;
    // A batch just closed leaves one item here, so at most one batch is returned.
    if (batch.size() == maxItems) {
      full = take();
    }
    return full;
  }

  /** The writes not yet returned, possibly none. */
  public List<WriteRequest> drain() {
    return take();
  }

  private List<WriteRequest> take() {
    List<WriteRequest> taken = batch;
    batch = new ArrayList<>(maxItems);
    keys.clear();
    bytes = 0;
    return taken;
  }
}
