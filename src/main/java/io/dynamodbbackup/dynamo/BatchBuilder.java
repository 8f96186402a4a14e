package io.dynamodbbackup.dynamo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups writes (puts of items, deletes of keys) into BatchWriteItem batches of at most {@code
 * maxItems} writes and {@code maxBytes} bytes of JSON, which is never less than DynamoDB's size of
 * the same items. A batch never holds two writes of the same key, which DynamoDB would refuse as a
 * whole; the second starts a new batch, so the later write still wins, as it would one call at a
 * time. Not thread-safe: the one reader thread owns it.
 */
public final class BatchBuilder {

  /** BatchWriteItem's limits: 25 put or delete requests and 16 MB per call. */
  public static final int MAX_ITEMS = 25;

  public static final long MAX_BYTES = 16L * 1024 * 1024;

  private final int maxItems;
  private final long maxBytes;
  private List<RawWrite> batch = new ArrayList<>();
  private final Set<ByteBuffer> keys = new HashSet<>();
  private long bytes;

  public BatchBuilder(int maxItems, long maxBytes) {
    if (maxItems < 1 || maxItems > MAX_ITEMS) {
      throw new IllegalArgumentException("batch size must be 1 to 25 items, was " + maxItems);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("batch bytes must be positive, was " + maxBytes);
    }
    this.maxItems = maxItems;
    this.maxBytes = maxBytes;
  }

  /**
   * Adds a write and returns the batch that became full, or null. The returned batch may hold the
   * write, or end just before it when the write would not fit or repeats a key.
   */
  public List<RawWrite> add(RawWrite write) {
    long size = write.json().length;
    ByteBuffer key = write.key() == null ? null : ByteBuffer.wrap(write.key());
    List<RawWrite> full = null;
    if (!batch.isEmpty() && (bytes + size > maxBytes || (key != null && keys.contains(key)))) {
      full = take();
    }
    batch.add(write);
    if (key != null) {
      keys.add(key);
    }
    bytes += size;
    // A batch just closed leaves one item here, so at most one batch is returned.
    if (batch.size() == maxItems) {
      full = take();
    }
    return full;
  }

  /** The writes not yet returned, possibly none. */
  public List<RawWrite> drain() {
    return take();
  }

  private List<RawWrite> take() {
    List<RawWrite> taken = batch;
    batch = new ArrayList<>(maxItems);
    keys.clear();
    bytes = 0;
    return taken;
  }
}
