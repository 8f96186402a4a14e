package io.dynamodbbackup.backup;

import io.dynamodbbackup.dynamo.PageConsumer;
import io.dynamodbbackup.format.Compression;
import io.dynamodbbackup.format.ItemEncoder;
import io.dynamodbbackup.store.ObjectWriter;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns each segment's pages into lines on the segment's own thread, and hands them to the object
 * writer in chunks of about {@code chunkSize} bytes, each compressed on its own. Encoding and
 * compression run in parallel; only the append to the shared part is serialised. A segment's buffer
 * lives only while the segment is being scanned, so memory grows with threads, not with segments.
 * Each chunk ends at a page's end, and is registered with {@link StoredChunks} with the key its
 * segment goes on after, so that a checkpoint knows how far each segment's items are stored.
 */
final class SegmentEncoder implements PageConsumer {

  private final ItemEncoder encoder;
  private final Compression compression;
  private final ObjectWriter writer;
  private final int chunkSize;
  private final StoredChunks stored;
  private final Map<Integer, Chunk> chunks = new ConcurrentHashMap<>();
  private final LongAdder items = new LongAdder();

  SegmentEncoder(
      ItemEncoder encoder,
      Compression compression,
      ObjectWriter writer,
      int chunkSize,
      StoredChunks stored) {
    this.encoder = encoder;
    this.compression = compression;
    this.writer = writer;
    this.chunkSize = chunkSize;
    this.stored = stored;
  }

  @Override
  public void page(
      int segment, List<Map<String, AttributeValue>> page, Map<String, AttributeValue> nextKey)
      throws Exception {
    Chunk chunk = chunks.computeIfAbsent(segment, s -> new Chunk(s, chunkSize + chunkSize / 4));
    for (Map<String, AttributeValue> item : page) {
      encoder.encode(item, chunk);
    }
    items.add(page.size());
    chunk.pageEnded(page.size(), nextKey);
    if (chunk.size() >= chunkSize) {
      flush(chunk);
    }
  }

  @Override
  public void segmentDone(int segment) throws Exception {
    Chunk chunk = chunks.remove(segment);
    if (chunk != null && chunk.size() > 0) {
      flush(chunk);
    }
  }

  /** Items encoded so far. */
  long items() {
    return items.sum();
  }

  private void flush(Chunk chunk) throws Exception {
    // Registered before a part holding it can be stored, so no checkpoint misses it.
    LongConsumer placed = end -> stored.chunk(chunk.segment, end, chunk.nextKey, chunk.items);
    if (compression == Compression.NONE) {
      writer.append(chunk.bytes(), 0, chunk.size(), placed);
    } else {
      byte[] packed = compression.compress(chunk.bytes(), 0, chunk.size());
      writer.append(packed, 0, packed.length, placed);
    }
    chunk.reset();
  }

  /**
   * A growable byte buffer used by one thread at a time: unlike ByteArrayOutputStream it takes no
   * lock per write, which matters when an encoder writes a few bytes at a time.
   */
  private static final class Chunk extends OutputStream {
    private final int segment;
    private byte[] buf;
    private int count;
    private long items;
    private Map<String, AttributeValue> nextKey;

    Chunk(int segment, int capacity) {
      this.segment = segment;
      buf = new byte[capacity];
    }

    /** The chunk now ends with a page of {@code pageItems} items, after which its scan goes on. */
    void pageEnded(int pageItems, Map<String, AttributeValue> next) {
      items += pageItems;
      nextKey = next;
    }

    @Override
    public void write(int b) {
      if (count == buf.length) {
        grow(1);
      }
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (count + len > buf.length) {
        grow(len);
      }
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    byte[] bytes() {
      return buf;
    }

    int size() {
      return count;
    }

    void reset() {
      count = 0;
      items = 0;
    }

    private void grow(int needed) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + needed));
    }
  }
}
